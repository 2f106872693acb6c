import { ApiKeyStore } from '@eventline/api-keys';
import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, withAdmin } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, eventually, startAppUnderTest, uniqueName, type AppUnderTest, type ScratchDatabase } from '@eventline/test-harness';
import { OtlpReceiver, type ReceivedSpan } from '@eventline/tracing/testing';
import { ticketAssigned, TICKETS_TOPIC } from './testing/ticket-assigned';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

/** The pg instrumentation names a query's span after its operation and database (`pg.query:INSERT <db>`). */
const isInsert = (span: ReceivedSpan) => span.name.startsWith('pg.query:INSERT');

/**
 * One event's journey as one trace, across the real apps as processes exporting OTLP: the gateway
 * and the audit projector (whose default pipeline runs traceEvents), on prefixed topics and a
 * scratch database.
 */
describe('tracing from the HTTP request to the projection row', () => {
  jest.setTimeout(120_000);
  const endpoints = loadStackEndpoints();
  const prefix = `${uniqueName('traced')}.`;
  const topic = `${prefix}${TICKETS_TOPIC}`;
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'tracing-spec' });
  const receiver = new OtlpReceiver();
  let gateway: AppUnderTest | undefined;
  let projector: AppUnderTest | undefined;
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    await receiver.start();
    scratch = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(scratch.url);
    // The projector subscribes to every event, so it waits for every catalog topic.
    const topics = catalogTopics(loadCatalog(undefined, { topicPrefix: prefix })).map((t) => ({ topic: t.topic, partitions: t.partitions, replicationFactor: 1, config: t.config }));
    await withAdmin(kafka, (admin) => admin.ensureTopics(topics));
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, EVENTLINE_TOPIC_PREFIX: prefix, DATABASE_URL: scratch.url };
    projector = await startAppUnderTest({ app: 'audit-projector', env: { ...tracing, OTEL_BSP_SCHEDULE_DELAY: '200' } });
    // The gateway's batch delay outlasts the test: its spans arrive only through the flush on SIGTERM.
    gateway = await startAppUnderTest({ app: 'ingest-gateway', env: { ...tracing, OTEL_BSP_SCHEDULE_DELAY: '600000' } });
  });

  afterAll(async () => {
    await Promise.all([gateway?.stop(), projector?.stop()]);
    await receiver.stop();
    await withAdmin(kafka, async (admin) => admin.deleteTopics((await admin.listTopics()).filter((name) => name.startsWith(prefix))));
    await scratch.drop();
  });

  it('continues the caller traceparent through publish and consume to the pg writes of the projection', async () => {
    const tenant = uniqueName('traced');
    const pool = createPool({ applicationName: 'tracing-spec', connectionString: scratch.url, max: 1 });
    const { plaintext } = await new ApiKeyStore(pool).create({ name: uniqueName('tracing-spec'), tenantIds: [tenant], eventTypes: ['*'] });
    const response = await fetch(`${gateway!.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${plaintext}`, traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, tracestate: 'caller=1' },
      body: JSON.stringify(ticketAssigned(tenant, 'T-1')),
    });
    expect(response.status).toBe(202);
    const [eventId] = ((await response.json()) as { event_ids: string[] }).event_ids;
    await eventually('the event projected', async () => ((await pool.query('SELECT 1 FROM domain_events WHERE event_id = $1', [eventId])).rowCount === 1 ? true : undefined), 60_000);
    await pool.end();

    const consumed = await eventually('the projector spans', async () => (receiver.spans.some((span) => span.service === 'audit-projector' && isInsert(span)) ? true : undefined), 30_000);
    expect(consumed).toBe(true);
    expect(receiver.spans.some((span) => span.service === 'ingest-gateway')).toBe(false);
    gateway!.child.kill('SIGTERM');
    await eventually('the gateway spans, flushed on SIGTERM', async () => (receiver.spans.some((span) => span.service === 'ingest-gateway') ? true : undefined), 10_000);

    const trace = receiver.spans.filter((span) => span.traceId === CALLER_TRACE);
    const one = (what: string, match: (span: ReceivedSpan) => boolean) => {
      const found = trace.filter(match);
      if (found.length !== 1) throw new Error(`expected one ${what} span in the trace, found ${found.length}: ${trace.map((s) => `${s.service}/${s.name}`).join(', ')}`);
      return found[0];
    };
    const request = one('request', (s) => s.service === 'ingest-gateway' && s.kind === 'SERVER');
    const publish = one('publish', (s) => s.service === 'ingest-gateway' && s.name === 'publish');
    const event = one('event', (s) => s.name === 'process TICKET_ASSIGNED');
    const batch = one('batch', (s) => s.name === `process ${topic}`);
    const writes = trace.filter((s) => s.service === 'audit-projector' && s.parentSpanId === batch.spanId && isInsert(s));

    expect(request).toMatchObject({ name: 'POST /v1/events', parentSpanId: CALLER_SPAN, attributes: { 'http.response.status_code': 202 } });
    expect(publish).toMatchObject({ kind: 'PRODUCER', parentSpanId: request.spanId });
    expect(event).toMatchObject({ service: 'audit-projector', kind: 'CONSUMER', parentSpanId: publish.spanId, attributes: { 'messaging.message.id': eventId } });
    expect(event.links).toEqual([{ traceId: CALLER_TRACE, spanId: batch.spanId }]);
    expect(batch).toMatchObject({ kind: 'CONSUMER', parentSpanId: publish.spanId, links: [{ traceId: CALLER_TRACE, spanId: publish.spanId }] });
    expect(writes.length).toBeGreaterThanOrEqual(1);
  });
});
