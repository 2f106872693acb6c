import { randomUUID } from 'node:crypto';
import { catalogTopics, findEvent, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, withAdmin } from '@eventline/kafka-port';
import { createPool } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, uniqueName } from '@eventline/test-harness';
import { RejectedEventError } from './errors';
import { EventConsumer } from './event-consumer';
import { ConsumerMetrics } from './metrics';
import { ALL_EVENTS, EventRouter } from './router';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The per-event-type counter as an app exports it: a real consumer group on topics of its own, read back from the registry's text. */
describe('eventline_events_handled_total (real Kafka, registry and PostgreSQL)', () => {
  jest.setTimeout(60_000);
  const endpoints = loadStackEndpoints();
  const prefix = `${uniqueName('metrics')}.`;
  const catalog = loadCatalog(undefined, { topicPrefix: prefix });
  const topic = findEvent(catalog, 'content_asset.downloaded')!.topic;
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'consumer-metrics-test' });
  const pool = createPool({ connectionString: endpoints.databaseUrl, applicationName: 'consumer-metrics-test', max: 4 });
  const group = uniqueName('metrics-group');
  const tenant = uniqueName('metrics-tenant');
  const metrics = new ConsumerMetrics();
  const rejectedId = randomUUID();
  const seen = new Set<string>();
  let consumer: EventConsumer | undefined;

  const downloaded = (n: number) => ({
    event_type: 'content_asset.downloaded',
    tenant_id: tenant,
    entity_id: `asset-${n}`,
    payload: {
      asset_id: `asset-${n}`,
      user_id: 'reader-1',
      course_id: null,
      lesson_id: null,
      size_bytes: 1024,
      download_count: n,
      ip_address: null,
      user_agent: null,
      device_id: null,
      downloaded_at: Date.now(),
    },
  });
  const bookmarked = (n: number, eventId?: string) => ({
    event_type: 'ebook.bookmark_created',
    tenant_id: tenant,
    entity_id: `bookmark-${n}`,
    ...(eventId ? { event_id: eventId } : {}),
    payload: { bookmark_id: `bookmark-${n}`, ebook_id: 'ebook-1', user_id: 'reader-1', location: `epubcfi(/6/${n})`, label: null, created_at: Date.now() },
  });

  beforeAll(async () => {
    await withAdmin(kafka, (admin) =>
      admin.ensureTopics(
        catalogTopics(catalog)
          .filter((t) => t.topic === topic)
          .map((t) => ({ topic: t.topic, partitions: t.partitions, replicationFactor: 1, config: t.config })),
      ),
    );
    const router = new EventRouter().on(ALL_EVENTS, async (events) => {
      for (const event of events) {
        if (event.eventId === rejectedId) throw new RejectedEventError(event, 'this bookmark is refused by the test');
        seen.add(event.eventId);
      }
    });
    consumer = new EventConsumer({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog, group, topics: [topic], router, logger: silent, metrics, pool });
    await consumer.start();
  });
  afterAll(async () => {
    await consumer?.stop();
    await pool.query('DELETE FROM consumer_offsets WHERE group_id = $1', [group]).catch(() => undefined);
    await pool.end();
    await withAdmin(kafka, async (admin) => admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix) || t === `${group}.dlq`)));
  });

  it('counts the committed events by group and event type, and not a dead-lettered one', async () => {
    const publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog, source: 'consumer-metrics-test' });
    await publisher.publishUntyped([downloaded(1), bookmarked(1), downloaded(2), bookmarked(2, rejectedId), downloaded(3), bookmarked(3)] as never).finally(() => publisher.close());

    const counted = async () => {
      const values = (await metrics.handled.get()).values.filter((v) => v.labels.group === group);
      return Object.fromEntries(values.map((v) => [String(v.labels.event_type), v.value])) as Record<string, number>;
    };
    await eventually('5 handled events', async () => (seen.size === 5 && Object.values(await counted()).reduce((a, b) => a + b, 0) === 5 ? true : undefined), 45_000);
    expect(await counted()).toEqual({ 'content_asset.downloaded': 3, 'ebook.bookmark_created': 2 });

    const text = await metrics.registry.metrics();
    expect(text).toContain(`eventline_events_handled_total{group="${group}",event_type="content_asset.downloaded"} 3`);
    expect(text).toContain(`eventline_events_handled_total{group="${group}",event_type="ebook.bookmark_created"} 2`);
    expect(text).not.toContain(tenant);
    expect((await metrics.deadLettered.get()).values.find((v) => v.labels.group === group)?.value).toBe(1);
  });
});
