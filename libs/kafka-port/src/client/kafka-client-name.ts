/** The Kafka client libraries the port has adapters for. */
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

/**
 * Chosen by `npm run bench` (docs/kafka-client.md): the projection rates tie, so P1 decides the
 * producer, where @platformatic/kafka publishes about 1.5× faster; the consumer stays on kafkajs,
 * whose publish-to-visible latency (P5) was lower. Admin goes with the consumer.
 */
export const DEFAULT_KAFKA_CLIENTS: Readonly<KafkaClientChoice> = { admin: 'kafkajs', producer: 'platformatic', consumer: 'kafkajs' };

/**
 * The client for each side of the port: `EVENTLINE_KAFKA_CLIENT` for all of it, and
 * `EVENTLINE_KAFKA_PRODUCER_CLIENT` / `EVENTLINE_KAFKA_CONSUMER_CLIENT` to override one side.
 * An unknown name is refused by name rather than silently replaced by the default.
 */
export interface KafkaClientChoice {
  admin: KafkaClientName;
  producer: KafkaClientName;
  consumer: KafkaClientName;
}

export function kafkaClientChoice(env: NodeJS.ProcessEnv = process.env, defaults: Readonly<KafkaClientChoice> = DEFAULT_KAFKA_CLIENTS): KafkaClientChoice {
  const all = parseClient(env, 'EVENTLINE_KAFKA_CLIENT');
  return {
    admin: all ?? defaults.admin,
    producer: parseClient(env, 'EVENTLINE_KAFKA_PRODUCER_CLIENT') ?? all ?? defaults.producer,
    consumer: parseClient(env, 'EVENTLINE_KAFKA_CONSUMER_CLIENT') ?? all ?? defaults.consumer,
  };
}

function parseClient(env: NodeJS.ProcessEnv, name: string): KafkaClientName | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if ((KAFKA_CLIENTS as readonly string[]).includes(raw)) return raw as KafkaClientName;
  throw new Error(`${name}="${raw}" is not a Kafka client Eventline has an adapter for (${KAFKA_CLIENTS.join(', ')})`);
}
