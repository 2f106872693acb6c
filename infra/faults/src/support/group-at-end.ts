import type { Pool } from 'pg';
import type { KafkaPort } from '@eventline/kafka-port';

export interface GroupPositions {
  clusterId: string;
  positions: Array<{ topic: string; partition: number; offset: string }>;
}

/** The current end of every partition of `topics`, read while the test's database still starts. */
export async function endPositions(kafka: KafkaPort, topics: string[]): Promise<GroupPositions> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { clusterId } = await admin.describeCluster();
    const ends = await Promise.all(topics.map(async (topic) => (await admin.endOffsets(topic)).map((end) => ({ topic, partition: end.partition, offset: String(end.offset) }))));
    return { clusterId, positions: ends.flat() };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Records in a fresh database that `group` has consumed up to `at`, so a consumer pointed at that
 * database starts at "now" instead of projecting the shared stack's history, which other tests
 * wrote and which would make the fault test's duration depend on them.
 */
export async function storeGroupPositions(pool: Pool, group: string, at: GroupPositions): Promise<void> {
  const { clusterId, positions } = at;
  await pool.query(
    `INSERT INTO consumer_offsets (cluster_id, group_id, topic, partition, next_offset)
     SELECT $1, $2, * FROM unnest($3::text[], $4::int[], $5::bigint[])`,
    [clusterId, group, positions.map((p) => p.topic), positions.map((p) => p.partition), positions.map((p) => p.offset)],
  );
}
