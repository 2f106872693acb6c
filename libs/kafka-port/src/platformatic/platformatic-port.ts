import type { BaseOptions } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { ConsumerOptions } from '../consumer/consumer-port';
import type { KafkaClientOptions, KafkaPort } from '../kafka-port';
import type { ProducerOptions } from '../producer/producer-port';
import { PlatformaticAdmin } from './admin';
import { baseOptions } from './client-options';
import { PlatformaticConsumer } from './consumer/consumer';
import { adapterLogger } from './logger';
import { PlatformaticProducer } from './producer';

/** The port on @platformatic/kafka: each admin, producer and consumer is a client of its own with its own connections. */
export class PlatformaticPort implements KafkaPort {
  private readonly base: BaseOptions;
  private readonly logger: Logger;

  constructor(options: KafkaClientOptions) {
    this.base = baseOptions(options);
    this.logger = adapterLogger(options.silent);
  }

  admin(): PlatformaticAdmin {
    return new PlatformaticAdmin(this.base);
  }

  producer(options?: ProducerOptions): PlatformaticProducer {
    return new PlatformaticProducer(this.base, options);
  }

  consumer(options: ConsumerOptions): PlatformaticConsumer {
    return new PlatformaticConsumer(this.base, options, this.logger);
  }
}
