import { randomUUID } from 'node:crypto';
import type { IncomingMessage, KafkaPort, PartitionOffset } from '@eventline/kafka-port';
import { eventually } from './eventually';

/**
 * Reads `topic` from the beginning with a throwaway consumer group until `count` messages pass
 * `filter`, then returns them in partition order.
 */
export function readTopic(kafka: KafkaPort, topic: string, count: number, filter: (message: IncomingMessage) => boolean = () => true, timeoutMs = 30_000): Promise<IncomingMessage[]> {
  return readMessages(kafka, topic, count, filter, timeoutMs, []);
}

/**
 * Like readTopic, but from `startAt` (topicEnd() before the test wrote): a busy shared topic's
 * history is not read again by every test.
 */
export function readTopicFrom(
  kafka: KafkaPort,
  topic: string,
  startAt: PartitionOffset[],
  count: number,
  filter: (message: IncomingMessage) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<IncomingMessage[]> {
  return readMessages(kafka, topic, count, filter, timeoutMs, startAt);
}

/** Where each partition of `topic` ends now. */
export async function topicEnd(kafka: KafkaPort, topic: string): Promise<PartitionOffset[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.endOffsets(topic)).map((p) => ({ partition: p.partition, offset: String(p.offset) }));
  } finally {
    await admin.disconnect();
  }
}

async function readMessages(kafka: KafkaPort, topic: string, count: number, filter: (message: IncomingMessage) => boolean, timeoutMs: number, startAt: PartitionOffset[]): Promise<IncomingMessage[]> {
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, fromBeginning: true });
  const seen: IncomingMessage[] = [];
  await consumer.connect();
  try {
    consumer.onAssigned(() => startAt.forEach(({ partition, offset }) => consumer.seek({ topic, partition, offset })));
    await consumer.subscribe([topic]);
    await consumer.run(async (batch) => void seen.push(...batch.messages.filter(filter)));
    await eventually(`${count} message(s) on ${topic}`, async () => (seen.length >= count ? true : undefined), timeoutMs);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

/** Total end offset of a topic: unchanged totals prove that nothing was produced. */
export async function topicSize(kafka: KafkaPort, topic: string): Promise<bigint> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.endOffsets(topic)).reduce((sum, p) => sum + BigInt(p.offset), 0n);
  } finally {
    await admin.disconnect();
  }
}
