import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { ProducerOptions, ProducerPort } from '../producer/producer-port';
import type { OutgoingMessage, RecordMetadata } from '../types';
import { asPortError } from './port-errors';

/** acks=all: a send resolves only once every in-sync replica has the record. */
const ACKS_ALL = -1;

export class KafkajsProducer implements ProducerPort {
  private readonly producer: Producer;

  constructor(kafka: Kafka, options: ProducerOptions = {}) {
    const idempotent = options.idempotent ?? true;
    this.producer = kafka.producer({
      idempotent,
      // Idempotence keeps order with up to 5 requests in flight; without it only 1 is safe.
      maxInFlightRequests: idempotent ? 5 : 1,
      // Java-compatible murmur2, so producers in other languages key tenants to the same partitions.
      createPartitioner: Partitioners.DefaultPartitioner,
      ...(options.retry ? { retry: { retries: options.retry.retries, initialRetryTime: options.retry.initialRetryTimeMs, maxRetryTime: options.retry.maxRetryTimeMs } } : {}),
    });
  }

  connect(): Promise<void> {
    return asPortError('connecting the producer', () => this.producer.connect());
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<RecordMetadata[]> {
    const results = await asPortError(`sending to ${topic}`, () =>
      this.producer.send({
        topic,
        acks: ACKS_ALL,
        compression: CompressionTypes.None,
        messages: messages.map((message) => ({
          key: message.key,
          value: message.value,
          headers: message.headers,
          timestamp: message.timestamp === undefined ? undefined : String(message.timestamp),
        })),
      }),
    );
    return results.map((result) => ({
      topic: result.topicName,
      partition: result.partition,
      baseOffset: result.baseOffset ?? result.offset ?? '-1',
    }));
  }
}
