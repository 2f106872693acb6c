import type { BaseOptions } from '@platformatic/kafka';
import type { KafkaClientOptions } from '../kafka-port';
import { DEFAULT_BACKOFF, exponentialDelay } from './retry-delay';
import { platformaticSecurity } from './security';

/** kafkajs retries a failed request 5 times by default; the same count keeps both adapters' failure times alike. */
const DEFAULT_RETRIES = 5;

/** The options every @platformatic/kafka client of one port shares. */
export function baseOptions(options: KafkaClientOptions): BaseOptions {
  return {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    retries: options.retries ?? DEFAULT_RETRIES,
    retryDelay: exponentialDelay(DEFAULT_BACKOFF),
    ...(options.connectionTimeoutMs === undefined ? {} : { connectTimeout: options.connectionTimeoutMs }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeout: options.requestTimeoutMs }),
    ...platformaticSecurity(options),
  };
}
