import type { AdminPort } from './admin/admin-port';
import type { ConsumerOptions, ConsumerPort } from './consumer/consumer-port';
import type { ProducerOptions, ProducerPort } from './producer/producer-port';
import type { KafkaSasl, KafkaTls } from './security/kafka-security';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  /** How often the client itself retries a failed request; a start-up probe says 0 and retries on its own schedule. */
  retries?: number;
  /** Drops the client's own log lines, for a probe that reports its failures itself. */
  silent?: boolean;
  /** How long a TCP connect to a broker may take (kafkajs default 1 s). */
  connectionTimeoutMs?: number;
  /** How long one request may wait for the broker's answer (kafkajs default 30 s). */
  requestTimeoutMs?: number;
  /** TLS to the brokers (SSL / SASL_SSL listeners); see kafkaSecurityFromEnv. */
  ssl?: KafkaTls;
  /** SASL credentials; only ever sent over TLS, so `ssl` is implied. */
  sasl?: KafkaSasl;
}

/** Entry point of the port: one per process, handing out admin, producers and consumers. */
export interface KafkaPort {
  admin(): AdminPort;
  producer(options?: ProducerOptions): ProducerPort;
  consumer(options: ConsumerOptions): ConsumerPort;
}
