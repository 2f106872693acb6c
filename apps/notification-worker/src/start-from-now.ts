import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, kafkaSecurityFromEnv } from '@eventline/kafka-port';
import { assertSchemaCurrent, createPool } from '@eventline/persistence';
import { appDatabaseUrl, loadStackEndpoints } from '@eventline/stack-config';

/**
 * On the group's very first start, store the topics' current end offsets as its position: a new
 * notification worker must not email people about months of history (the consumer runtime
 * otherwise starts a new group from the beginning). Later starts resume where the group stopped.
 */
export async function startFromNowOnFirstRun(group: string): Promise<void> {
  const endpoints = loadStackEndpoints();
  const pool = createPool({ applicationName: 'notification-worker-start', connectionString: appDatabaseUrl('notification-worker', endpoints.databaseUrl), max: 1 });
  const admin = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: `${group}-start`, ...kafkaSecurityFromEnv() }).admin();
  try {
    await assertSchemaCurrent(pool);
    await admin.connect();
    const { clusterId } = await admin.describeCluster();
    const { rows } = await pool.query('SELECT 1 FROM consumer_offsets WHERE cluster_id = $1 AND group_id = $2 LIMIT 1', [clusterId, group]);
    if (rows.length > 0) return;
    const positions: Array<[string, number, string]> = [];
    for (const { topic } of catalogTopics(loadCatalog())) {
      // A topic that does not exist yet has no history to skip.
      const ends = await admin.endOffsets(topic).catch(() => []);
      for (const end of ends) positions.push([topic, end.partition, String(end.offset)]);
    }
    await pool.query(
      `INSERT INTO consumer_offsets (cluster_id, group_id, topic, partition, next_offset)
       SELECT $1, $2, * FROM unnest($3::text[], $4::int[], $5::bigint[]) ON CONFLICT DO NOTHING`,
      [clusterId, group, positions.map((p) => p[0]), positions.map((p) => p[1]), positions.map((p) => p[2])],
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
    await pool.end();
  }
}
