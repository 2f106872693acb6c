import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { loadCatalog } from '@eventline/contracts';
import { projectAuditEvents, Pseudonyms } from '@eventline/audit-projection';
import { EventConsumer, EventRouter, type TransactionalContext } from '@eventline/consumer-runtime';
import { createKafkaPort } from '@eventline/kafka-port';
import { createPool } from '@eventline/persistence';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints, pseudonymKeyFile } from '@eventline/stack-config';

/**
 * A consumer process for the tracing spec: the runtime's default pipeline (tracing included), projecting with the audit projector's code into DATABASE_URL, from the
 * topics in TRACED_TOPICS (comma-separated) as group TRACED_GROUP. It stops on SIGTERM.
 */
async function main(): Promise<void> {
  const endpoints = loadStackEndpoints();
  const catalog = loadCatalog();
  const pseudonyms = Pseudonyms.fromFile(pseudonymKeyFile());
  const pool = createPool({ applicationName: 'traced-audit-consumer', connectionString: endpoints.databaseUrl, max: 2 });
  const router = new EventRouter<TransactionalContext>().on('*', async (events, { tx }) => void (await projectAuditEvents(tx, events, catalog, pseudonyms)));
  const consumer = new EventConsumer<TransactionalContext>({
    kafka: createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'traced-audit-consumer' }),
    registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl),
    catalog,
    group: required('TRACED_GROUP'),
    topics: required('TRACED_TOPICS').split(','),
    router,
    pool,
    logger: { info: () => undefined, warn: (details, message) => console.warn(message, details), error: (details, message) => console.error(message, details) },
  });
  await consumer.start();
  process.once('SIGTERM', () => {
    void consumer
      .stop()
      .then(() => pool.end())
      .then(() => process.kill(process.pid, 'SIGTERM'));
  });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

main().catch((error: unknown) => {
  console.error('traced-audit-consumer failed:', error);
  process.exit(1);
});
