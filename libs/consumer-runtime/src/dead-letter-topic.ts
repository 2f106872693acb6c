import { RETENTION_TIERS } from '@eventline/contracts';
import { topicDurability, type AdminPort } from '@eventline/kafka-port';
import { deadLetterTopic } from './middleware/dead-letter';

/** Dead letters are operational: kept as long as the operational tier, enough to inspect and replay them. */
export const DEAD_LETTER_RETENTION_MS = RETENTION_TIERS.operational;

/**
 * `EVENTLINE_DEAD_LETTER_RETENTION_MS` overrides how long a new dead-letter topic keeps its
 * messages (`-1` keeps them for ever); unset is DEAD_LETTER_RETENTION_MS.
 */
export function deadLetterRetentionMs(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.EVENTLINE_DEAD_LETTER_RETENTION_MS?.trim();
  if (!value) return DEAD_LETTER_RETENTION_MS;
  if (value !== '-1' && !/^[1-9][0-9]*$/.test(value)) {
    throw new Error(`EVENTLINE_DEAD_LETTER_RETENTION_MS="${value}" is not a retention.ms: give milliseconds, or -1 to keep dead letters for ever`);
  }
  return value;
}

/**
 * Creates the group's dead-letter topic when it does not exist yet, with as many partitions as the
 * largest topic the group reads (dead letters keep their key, so a tenant's stay on one partition),
 * the cluster's durability and the dead-letter retention. An existing topic is left as it is: an
 * app may create its dead-letter topic but not alter topic configs.
 */
export async function ensureDeadLetterTopic(admin: AdminPort, group: string, sourceTopics: string[], retentionMs = deadLetterRetentionMs()): Promise<void> {
  const counts = await admin.partitionCounts(sourceTopics);
  const partitions = Math.max(1, ...counts.values());
  const { replicationFactor, config } = topicDurability((await admin.describeCluster()).brokers);
  await admin.ensureTopics([{ topic: deadLetterTopic(group), partitions, replicationFactor, config: { ...config, 'retention.ms': retentionMs } }]);
}
