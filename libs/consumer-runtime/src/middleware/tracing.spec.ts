import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startTracing } from '@eventline/tracing';
import type { BatchContext, DecodedEvent } from '../context';
import { traceEvents } from './tracing';

const exporter = new InMemorySpanExporter();
const tracing = startTracing({ service: 'consumer-tracing-spec', exporter, env: {} });
afterAll(() => tracing.shutdown());
beforeEach(() => exporter.reset());

const producer = (n: number) => ({ traceId: String(n).repeat(32), spanId: String(n).repeat(16) });

function event(offset: number, traceOf?: number): DecodedEvent {
  const headers: Record<string, string> = { event_type: 'TICKET_ASSIGNED' };
  if (traceOf !== undefined) headers.traceparent = `00-${producer(traceOf).traceId}-${producer(traceOf).spanId}-01`;
  const message = { topic: 'tickets.events.v1', partition: 2, offset: String(offset), key: 't', value: null, headers, timestamp: 0 };
  return { eventType: 'TICKET_ASSIGNED', eventId: `e-${offset}`, tenantId: 't', schemaId: 1, envelope: {}, payload: {}, message } as unknown as DecodedEvent;
}

function batchOf(events: DecodedEvent[]): BatchContext {
  return {
    group: 'g',
    topic: 'tickets.events.v1',
    partition: 2,
    messages: events.map((e) => e.message),
    nextOffset: '9',
    highWatermark: '9',
    events,
    deadLetters: [],
    heartbeat: async () => undefined,
  };
}

/** What a handler's query does: a span in the active context, as the pg instrumentation makes one. */
const projectionWrite = async () => trace.getTracer('spec').startSpan('INSERT audit_logs').end();

const spans = () => exporter.getFinishedSpans();
const named = (name: string) => spans().filter((span) => span.name === name);

describe('traceEvents middleware', () => {
  it('makes each event a child of its producer, and runs the handlers under a batch span linked to every event', async () => {
    await traceEvents(batchOf([event(7, 1), event(8, 2)]), projectionWrite);

    const [batch] = named('process tickets.events.v1');
    const events = named('process TICKET_ASSIGNED');
    const [write] = named('INSERT audit_logs');
    expect(batch.kind).toBe(SpanKind.CONSUMER);
    expect(batch.spanContext().traceId).toBe(producer(1).traceId);
    expect(batch.parentSpanContext?.spanId).toBe(producer(1).spanId);
    expect(batch.links.map((link) => link.context.spanId)).toEqual([producer(1).spanId, producer(2).spanId]);
    expect(batch.attributes).toMatchObject({ 'messaging.consumer.group.name': 'g', 'messaging.batch.message_count': 2 });
    expect(events.map((span) => [span.spanContext().traceId, span.parentSpanContext?.spanId, span.attributes['messaging.kafka.offset']])).toEqual([
      [producer(1).traceId, producer(1).spanId, 7],
      [producer(2).traceId, producer(2).spanId, 8],
    ]);
    expect(events.every((span) => span.links[0].context.spanId === batch.spanContext().spanId)).toBe(true);
    expect(write.parentSpanContext?.spanId).toBe(batch.spanContext().spanId);
    expect(write.spanContext().traceId).toBe(producer(1).traceId);
  });

  it('continues the trace of the first sampled event, and records only the sampled events', async () => {
    const unsampled = event(5, 3);
    unsampled.message.headers.traceparent = unsampled.message.headers.traceparent.replace(/-01$/, '-00');
    await traceEvents(batchOf([unsampled, event(6, 4)]), projectionWrite);
    const [batch] = named('process tickets.events.v1');
    expect(batch.parentSpanContext?.spanId).toBe(producer(4).spanId);
    expect(named('process TICKET_ASSIGNED').map((span) => span.parentSpanContext?.spanId)).toEqual([producer(4).spanId]);
  });

  it('starts a trace of its own for events sent untraced', async () => {
    await traceEvents(batchOf([event(1)]), projectionWrite);
    const [batch] = named('process tickets.events.v1');
    expect(batch.parentSpanContext).toBeUndefined();
    expect(batch.links).toEqual([]);
    expect(named('process TICKET_ASSIGNED')[0].parentSpanContext).toBeUndefined();
  });

  it('marks the batch and its events failed when the handlers throw, and rethrows', async () => {
    await expect(traceEvents(batchOf([event(3, 4)]), async () => Promise.reject(new Error('chain race')))).rejects.toThrow('chain race');
    expect(spans().map((span) => [span.name, span.status.code, span.status.message])).toEqual([
      ['process TICKET_ASSIGNED', 2, 'chain race'],
      ['process tickets.events.v1', 2, 'chain race'],
    ]);
  });

  it('passes a batch without events straight on, and leaves the caller context as it was', async () => {
    let ran = false;
    await traceEvents(batchOf([]), async () => void (ran = true));
    expect(ran).toBe(true);
    expect(spans()).toEqual([]);
    expect(trace.getSpan(context.active())).toBe(trace.getSpan(ROOT_CONTEXT));
  });
});
