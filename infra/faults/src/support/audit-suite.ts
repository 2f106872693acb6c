import type { Pool } from 'pg';
import { createPool } from '@eventline/persistence';
import { loadCatalog } from '@eventline/contracts';
import { deadLetterTopic } from '@eventline/consumer-runtime';
import { createKafkaPort, type KafkaPort, type ProducerPort } from '@eventline/kafka-port';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { readTopic } from '@eventline/test-harness';
import { POISON_HEADER, type Poison } from './poison';
import { AUDIT_PROJECTOR, ProjectorProcess } from './projector-process';

export const AUDIT_GROUP = 'audit-projector';

export interface AuditFaultSuite {
  kafka: KafkaPort;
  pool: Pool;
  publisher: Publisher;
  producer: ProducerPort;
  projector: ProjectorProcess;
  sendPoison(items: Poison[]): Promise<void>;
  /** The dead letters of these poison messages, read from the audit projector's dead-letter topic. */
  deadLettersOf(items: Poison[]): ReturnType<typeof readTopic>;
}

/** Registers the hooks of a fault suite around one real audit projector process on the shared stack. */
export function auditFaultSuite(clientId: string, options: { startProjector?: boolean; env?: Record<string, string> } = {}): AuditFaultSuite {
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId });
  const suite = { kafka, projector: new ProjectorProcess(AUDIT_PROJECTOR, options.env) } as AuditFaultSuite;
  suite.sendPoison = async (items) => void (await Promise.all(items.map((p) => suite.producer.send(p.topic, [p.message]))));
  suite.deadLettersOf = (items) => {
    const ids = new Set(items.map((p) => p.id));
    return readTopic(kafka, deadLetterTopic(AUDIT_GROUP), items.length, (m) => ids.has(m.headers[POISON_HEADER]), 150_000);
  };
  beforeAll(async () => {
    suite.pool = createPool({ connectionString: endpoints.databaseUrl, max: 2, applicationName: 'fault-suite' });
    suite.publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog: loadCatalog(), source: clientId, maxBatchSize: 1_000 });
    suite.producer = kafka.producer();
    await suite.producer.connect();
    if (options.startProjector ?? true) await suite.projector.startReady();
  });
  afterAll(async () => {
    await suite.projector.stop();
    await suite.producer?.disconnect();
    await suite.publisher?.close();
    await suite.pool?.end();
  });
  return suite;
}
