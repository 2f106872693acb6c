import { eventually, uniqueName } from '@eventline/test-harness';
import { withAdmin } from '../admin/with-admin';
import type { ConsumerOptions, ConsumerPort } from '../consumer/consumer-port';
import type { KafkaPort } from '../kafka-port';
import type { IncomingMessage, TopicPartitions } from '../types';

/** Helpers of the contract specs that work on any KafkaPort: the real adapters' and the in-memory one. */
export { withAdmin };

export async function freshTopic(kafka: KafkaPort, prefix: string, partitions: number, config?: Record<string, string>): Promise<string> {
  const topic = uniqueName(prefix);
  await withAdmin(kafka, (admin) => admin.ensureTopics([{ topic, partitions, replicationFactor: 1, config }]));
  return topic;
}

export async function produce(kafka: KafkaPort, topic: string, messages: { key: string; value: string; headers?: Record<string, string>; timestamp?: number }[]) {
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  try {
    return await producer.send(
      topic,
      messages.map((m) => ({ key: m.key, value: Buffer.from(m.value), headers: m.headers, timestamp: m.timestamp })),
    );
  } finally {
    await producer.disconnect();
  }
}

/** A running group member that records what it receives and every assignment it is given. */
export class RecordingMember {
  readonly received: IncomingMessage[] = [];
  readonly assignments: TopicPartitions[][] = [];
  readonly consumer: ConsumerPort;

  constructor(kafka: KafkaPort, options: ConsumerOptions) {
    this.consumer = kafka.consumer({ sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, maxWaitMs: 200, ...options });
    this.consumer.onAssigned((assignment) => this.assignments.push(assignment));
  }

  async start(topics: string[], handler?: (messages: IncomingMessage[]) => Promise<void> | void): Promise<this> {
    await this.consumer.connect();
    await this.consumer.subscribe(topics);
    await this.consumer.run(async (batch) => {
      await handler?.(batch.messages);
      this.received.push(...batch.messages);
    });
    return this;
  }

  values(): string[] {
    return this.received.map((m) => m.value?.toString() ?? '');
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<void> {
    await eventually(`${count} message(s)`, async () => (this.received.length >= count ? true : undefined), timeoutMs);
  }

  /** The partitions of the latest assignment. */
  owned(): number[] {
    return (this.assignments.at(-1) ?? []).flatMap((a) => a.partitions).sort((a, b) => a - b);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
