import { Kafka, logLevel } from 'kafkajs';
import type { KafkaClientOptions, KafkaPort } from '../kafka-port';
import type { ConsumerOptions } from '../consumer/consumer-port';
import type { ProducerOptions } from '../producer/producer-port';
import { KafkajsAdmin } from './admin';
import { KafkajsConsumer } from './consumer';
import { pinoLogCreator } from './log-creator';
import { KafkajsProducer } from './producer';
import { quietNegativeTimeoutWarnings } from './quiet-negative-timeouts';
import { kafkajsSecurity } from './security';

export class KafkajsPort implements KafkaPort {
  private readonly kafka: Kafka;

  constructor(options: KafkaClientOptions) {
    quietNegativeTimeoutWarnings();
    this.kafka = new Kafka({
      brokers: options.brokers,
      clientId: options.clientId,
      logCreator: pinoLogCreator,
      ...(options.retries === undefined ? {} : { retry: { retries: options.retries } }),
      ...(options.silent ? { logLevel: logLevel.NOTHING } : {}),
      ...(options.connectionTimeoutMs === undefined ? {} : { connectionTimeout: options.connectionTimeoutMs }),
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeout: options.requestTimeoutMs }),
      ...kafkajsSecurity(options),
    });
  }

  admin(): KafkajsAdmin {
    return new KafkajsAdmin(this.kafka);
  }

  producer(options?: ProducerOptions): KafkajsProducer {
    return new KafkajsProducer(this.kafka, options);
  }

  consumer(options: ConsumerOptions): KafkajsConsumer {
    return new KafkajsConsumer(this.kafka, options);
  }
}
