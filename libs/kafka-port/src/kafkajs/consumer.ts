import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { BatchHandler, ConsumerOptions, ConsumerPort } from '../consumer/consumer-port';
import type { IncomingMessage, TopicPartitionOffset, TopicPartitions } from '../types';
import { decodeHeaders } from './headers';
import { asPortError } from './port-errors';

export class KafkajsConsumer implements ConsumerPort {
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeout: options.sessionTimeoutMs }),
      ...(options.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: options.heartbeatIntervalMs }),
      ...(options.maxWaitMs === undefined ? {} : { maxWaitTimeInMs: options.maxWaitMs }),
    });
  }

  connect(): Promise<void> {
    return asPortError('connecting the consumer', () => this.consumer.connect());
  }

  disconnect(): Promise<void> {
    return this.consumer.disconnect();
  }

  async subscribe(topics: string[]): Promise<void> {
    await asPortError('subscribing', () => this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? false }));
  }

  run(handler: BatchHandler): Promise<void> {
    return this.consumer.run({
      autoCommit: this.options.autoCommit ?? true,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch, heartbeat }) => {
        const toIncoming = (message: KafkaMessage) => incoming(batch.topic, batch.partition, message);
        await handler({
          topic: batch.topic,
          partition: batch.partition,
          messages: batch.messages.map(toIncoming),
          highWatermark: batch.highWatermark,
          heartbeat,
        });
      },
    });
  }

  commitOffsets(offsets: TopicPartitionOffset[]): Promise<void> {
    return asPortError('committing offsets', () => this.consumer.commitOffsets(offsets));
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  seek(offset: TopicPartitionOffset): void {
    this.consumer.seek(offset);
  }

  pause(partitions: TopicPartitions[]): void {
    this.consumer.pause(partitions);
  }

  resume(partitions: TopicPartitions[]): void {
    this.consumer.resume(partitions);
  }

  onAssigned(listener: (assignment: TopicPartitions[]) => void): void {
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      const assignment = event.payload.memberAssignment as Record<string, number[]>;
      listener(Object.entries(assignment).map(([topic, partitions]) => ({ topic, partitions })));
    });
  }

  onCrash(listener: (error: Error) => void): void {
    // kafkajs restarts itself after a retriable crash; only a crash it will not recover from is reported.
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (!event.payload.restart) listener(event.payload.error);
    });
  }
}

function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value,
    headers: decodeHeaders(message.headers),
    timestamp: Number(message.timestamp),
  };
}
