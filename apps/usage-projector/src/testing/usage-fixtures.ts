import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { Publisher, type UntypedEventInput } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { metricSum, startAppUnderTest, type AppUnderTest } from '@eventline/test-harness';
import { createPool } from '@eventline/persistence';

export const PORT_A = 18192;
export const PORT_B = 18193;
export const WAIT = 120_000;
export const DAY_1 = Date.parse('2026-11-20T10:00:00Z');
export const DAY_2 = Date.parse('2026-11-21T09:30:00Z');

/** The real projector app as its own process, once ready; two of them make the group share partitions. */
export const startProjector = (port: number) => startAppUnderTest({ app: 'usage-projector', port, readyTimeoutMs: WAIT });
export const projectedTotal = (port: number) => metricSum(port, 'eventline_events_projected_total');

export function chatMessage(tenant: string, user: string, model: string, input: number, output: number, occurredAt = DAY_1, eventId?: string): UntypedEventInput {
  const id = randomUUID();
  return {
    event_type: 'chat_message_sent',
    tenant_id: tenant,
    entity_id: id,
    actor: { id: user, type: 'user' },
    occurred_at: occurredAt,
    ...(eventId ? { event_id: eventId } : {}),
    payload: { chat_id: 'chat-1', message_id: id, assist_mode: 'draft', model_name: model, model_version: '0613', input_tokens: input, output_tokens: output, latency_ms: 250, status: 'success' },
  };
}

export function postGenerated(tenant: string, user: string, promptTokens: number, occurredAt = DAY_2): UntypedEventInput {
  return {
    event_type: 'POST_GENERATED',
    tenant_id: tenant,
    entity_id: randomUUID(),
    actor: { id: user, type: 'user' },
    occurred_at: occurredAt,
    payload: { template_id: 'tpl-1', generation_model: 'gpt-4o', prompt_tokens: promptTokens, status: 'success' },
  };
}

export interface ProjectorSuite {
  pool: Pool;
  publisher: Publisher;
  /** Every projector process the suite started; stopped with SIGTERM after the suite. */
  running: AppUnderTest[];
  records(tenants: string[]): Promise<number>;
}

/** Registers the suite's hooks: a pool, a publisher and one projector on PORT_A, ready before the first test. */
export function projectorSuite(clientId: string): ProjectorSuite {
  const endpoints = loadStackEndpoints();
  const suite = { running: [] as AppUnderTest[] } as ProjectorSuite;
  suite.records = async (tenants) => Number((await suite.pool.query('SELECT count(*) AS n FROM usage_records WHERE tenant_id = ANY($1)', [tenants])).rows[0].n);
  beforeAll(async () => {
    suite.pool = createPool({ applicationName: 'usage-projector-test', connectionString: endpoints.databaseUrl });
    const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId });
    suite.publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog: loadCatalog(), source: 'usage-test', maxBatchSize: 1_000 });
    suite.running.push(await startProjector(PORT_A));
  });
  afterAll(async () => {
    await Promise.all(suite.running.map((projector) => projector.stop()));
    await suite.publisher?.close();
    await suite.pool?.end();
  });
  return suite;
}
