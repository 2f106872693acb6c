import type { AdminPort } from '../admin/admin-port';
import type { ConsumerOptions, ConsumerPort } from '../consumer/consumer-port';
import type { KafkaPort } from '../kafka-port';
import type { ProducerOptions, ProducerPort } from '../producer/producer-port';
import type { KafkaClientChoice } from './kafka-client-name';

/** A port whose sides come from different adapters (say, @platformatic/kafka's producer with kafkajs' consumer). */
export class CompositeKafkaPort implements KafkaPort {
  constructor(private readonly sides: Record<keyof KafkaClientChoice, KafkaPort>) {}

  admin(): AdminPort {
    return this.sides.admin.admin();
  }

  producer(options?: ProducerOptions): ProducerPort {
    return this.sides.producer.producer(options);
  }

  consumer(options: ConsumerOptions): ConsumerPort {
    return this.sides.consumer.consumer(options);
  }
}
