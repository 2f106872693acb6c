import type { Pool } from 'pg';
import { findEvent, loadCatalog, type Catalog } from '@eventline/contracts';
import { createKafkaPort, type KafkaPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createPool } from '@eventline/persistence';

/** The event the bench publishes; its topic is the one the bench consumer subscribes to. */
export const BENCH_EVENT_TYPE = 'TICKET_ASSIGNED';

export interface BenchResources {
  catalog: Catalog;
  kafka: KafkaPort;
  registry: SchemaRegistryClient;
  pool: Pool;
  topic: string;
}

export function openResources(): BenchResources {
  const endpoints = loadStackEndpoints();
  const catalog = loadCatalog();
  const contract = findEvent(catalog, BENCH_EVENT_TYPE);
  if (!contract) throw new Error(`${BENCH_EVENT_TYPE} is not in the catalog`);
  return {
    catalog,
    kafka: createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'audit-bench' }),
    registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl),
    pool: createPool({ applicationName: 'audit-bench', connectionString: endpoints.databaseUrl, max: 6 }),
    topic: contract.topic,
  };
}

/** Names no other run uses: the consumer group, the tenants the events are published for, and the tenants their COPY twins get. */
export interface BenchNames {
  group: string;
  tenants: string[];
  copyTenants: string[];
}

export function benchNames(tenantCount: number, now: number = Date.now()): BenchNames {
  const run = `audit-bench-${now}`;
  const index = Array.from({ length: tenantCount }, (_, i) => String(i).padStart(3, '0'));
  return {
    group: run,
    tenants: index.map((i) => `${run}-t${i}`),
    copyTenants: index.map((i) => `${run}-copy-t${i}`),
  };
}
