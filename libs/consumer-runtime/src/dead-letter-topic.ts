import { topicDurability, type AdminPort } from '@eventline/kafka-port';
import { deadLetterTopic } from './middleware/dead-letter';

/**
 * Creates the group's dead-letter topic when it does not exist yet, with as many partitions as the
 * largest topic the group reads (dead letters keep their key, so a tenant's stay on one partition)
 * and the cluster's durability. An existing topic is left as it is.
 */
export async function ensureDeadLetterTopic(admin: AdminPort, group: string, sourceTopics: string[]): Promise<void> {
  const counts = await admin.partitionCounts(sourceTopics);
  const partitions = Math.max(1, ...counts.values());
  const { brokers } = await admin.describeCluster();
  await admin.ensureTopics([{ topic: deadLetterTopic(group), partitions, ...topicDurability(brokers) }]);
}
