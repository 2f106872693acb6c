import { randomUUID } from 'node:crypto';
import { findEvent, loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { Publisher, type UntypedEventInput } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, metricSum, uniqueName } from '@eventline/test-harness';
import { usageContracts } from '@eventline/usage-kpis';
import { samplePayload } from './sample-payload';
import { AppsOverSasl } from './testing/apps-over-sasl';

const CONSUMERS = ['audit-projector', 'usage-projector', 'notification-worker'];

describe(`${CONSUMERS.join(', ')} over SASL_SSL`, () => {
  jest.setTimeout(58_000);
  const apps = new AppsOverSasl();
  afterAll(() => apps.stop().catch(() => undefined));

  it('start as their own SCRAM users, consume what the broker holds for them, and log no secret', async () => {
    const started = Date.now();
    await apps.start(CONSUMERS);
    console.log(`ready over SASL_SSL in ${((Date.now() - started) / 1000).toFixed(1)} s: ${CONSUMERS.join(', ')}`);

    // Published over the PLAINTEXT listener: the test is not one of the apps, and its user is the stack's.
    const endpoints = loadStackEndpoints();
    const catalog = loadCatalog();
    const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'sasl-consumer-apps-spec' });
    const publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog, source: 'sasl-spec' });
    // A usage event (audit and usage projectors subscribe to it) and a notified one (audit and notification worker): each app gets events of its subscription.
    const contracts = [usageContracts(catalog)[0], findEvent(catalog, 'TICKET_ASSIGNED')!];
    const tenant = uniqueName('sasl');
    // Twelve keys per type spread over the partitions, so each app's consumer is handed some whatever it was assigned.
    const events = contracts.flatMap((contract) =>
      Array.from(
        { length: 12 },
        (_, n): UntypedEventInput => ({ event_type: contract.eventType, tenant_id: tenant, entity_id: `e-${randomUUID()}`, payload: samplePayload(contract.payloadSchema, n) }) as UntypedEventInput,
      ),
    );
    try {
      await publisher.publishUntyped(events);
    } finally {
      await publisher.close();
    }

    for (const app of CONSUMERS) {
      const projected = await eventually(
        `${app} to project events fetched over SASL_SSL`,
        async () => {
          const count = await metricSum(apps.port(app), 'eventline_events_projected_total');
          return count > 0 ? count : undefined;
        },
        30_000,
      );
      expect(projected).toBeGreaterThan(0);
    }

    const logs = await apps.stop();
    expect(logs.every(({ log }) => log.length > 0)).toBe(true);
    expect(apps.leaks(logs)).toEqual([]);
  });
});
