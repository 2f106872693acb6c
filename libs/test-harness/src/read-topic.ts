import { randomUUID } from 'node:crypto';
import type { IncomingMessage, KafkaPort } from '@eventline/kafka-port';
import { eventually } from './eventually';

/**
 * Reads `topic` from the beginning with a throwaway consumer group until `count` messages pass
 * `filter`, then returns them in partition order.
 */
export async function readTopic(
  kafka: KafkaPort,
  topic: string,
  count: number,
  filter: (message: IncomingMessage) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<IncomingMessage[]> {
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, fromBeginning: true });
  const seen: IncomingMessage[] = [];
  await consumer.connect();
  try {
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
