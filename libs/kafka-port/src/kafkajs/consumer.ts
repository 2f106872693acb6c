import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { BatchHandler, ConsumerOptions, ConsumerPort } from '../consumer/consumer-port';
import type { IncomingMessage, TopicPartitionOffset, TopicPartitions } from '../types';
import { decodeHeaders } from './headers';

export class KafkajsConsumer implements ConsumerPort {
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({ groupId: options.groupId });
  }

  connect(): Promise<void> {
    return this.consumer.connect();
  }

  disconnect(): Promise<void> {
    return this.consumer.disconnect();
  }

  async subscribe(topics: string[]): Promise<void> {
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? false });
  }

  run(handler: BatchHandler): Promise<void> {
    return this.consumer.run({
      autoCommit: this.options.autoCommit ?? true,
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
    return this.consumer.commitOffsets(offsets);
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
