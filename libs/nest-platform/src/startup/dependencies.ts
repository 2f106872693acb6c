import type { Pool } from 'pg';
import { withAdmin, type KafkaPort } from '@eventline/kafka-port';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { NotReadyYet } from './retriable';

export interface Dependency {
  /** Named in logs, in readiness and in the error when the budget runs out. */
  name: string;
  probe(): Promise<unknown>;
}

export function database(pool: Pool): Dependency {
  return { name: 'database', probe: () => pool.query('SELECT 1') };
}

export function schemaRegistry(registry: SchemaRegistryClient): Dependency {
  return { name: 'schema registry', probe: () => registry.subjects() };
}

/** The broker answers; a probe client that does not retry by itself, so each attempt is quick. */
export function kafkaBroker(probeKafka: KafkaPort): Dependency {
  return { name: 'kafka', probe: () => withAdmin(probeKafka, (admin) => admin.describeCluster()) };
}

/**
 * Every topic exists and the broker serves each of its partitions: right after a topic is
 * created its partitions can still be "not hosted by this server", which fails a subscription.
 */
export function kafkaTopics(probeKafka: KafkaPort, topics: string[]): Dependency {
  return {
    name: 'kafka topics',
    probe: () =>
      withAdmin(probeKafka, async (admin) => {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((topic) => !existing.has(topic));
        if (missing.length > 0) throw new NotReadyYet(`not created yet: ${missing.join(', ')}`);
        for (const topic of topics) await admin.endOffsets(topic);
      }),
  };
}
