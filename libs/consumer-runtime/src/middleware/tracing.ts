import { context as contextApi, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Context, type Span } from '@opentelemetry/api';
import { currentTracing, extractTraceContext } from '@eventline/tracing';
import type { BatchContext, DecodedEvent } from '../context';

const tracer = trace.getTracer('@eventline/consumer-runtime');

/**
 * Spans for a partition batch, run after decode. Each event gets a CONSUMER span, a child of the
 * producer's span (its message's `traceparent`). The batch gets one span of its own, linked to
 * every event's producer context, and the handlers run inside it (`next()` in its context), so
 * their projection writes (pg spans) are its children: handlers take the batch whole, so no
 * event's span could hold them alone. The batch span continues the trace of its first sampled
 * (else first traced) event, which makes a lone event's journey one trace, HTTP request to projection row; the other
 * events' traces reach it through their event span's link. Each event span follows its own
 * producer's sampling decision, whatever the batch span's.
 *
 * Without a tracer provider nothing is recorded, but the handlers still run in the first event's
 * trace context, so an event they write to the outbox carries it on.
 */
export async function traceEvents(context: BatchContext, next: () => Promise<void>): Promise<void> {
  if (context.events.length === 0) return next();
  const producers = context.events.map((event) => extractTraceContext(event.message.headers, ROOT_CONTEXT));
  const parent = producers.find(sampled) ?? producers.find((producer) => trace.getSpanContext(producer)) ?? ROOT_CONTEXT;
  const batch = tracer.startSpan(`process ${context.topic}`, { kind: SpanKind.CONSUMER, attributes: batchAttributes(context) }, parent);
  // Untraced processes skip the per-event work entirely.
  const events = currentTracing()?.recording ? eventSpans(context.events, producers, batch) : [];
  try {
    await contextApi.with(trace.setSpan(parent, batch), next);
  } catch (error) {
    for (const span of [batch, ...events]) failed(span, error);
    throw error;
  } finally {
    for (const span of [...events, batch]) span.end();
  }
}

function eventSpans(decoded: DecodedEvent[], producers: Context[], batch: Span): Span[] {
  batch.addLinks(
    producers
      .map((producer) => trace.getSpanContext(producer))
      .filter((span) => span !== undefined)
      .map((span) => ({ context: span })),
  );
  return decoded.map((event, i) => {
    const span = tracer.startSpan(`process ${event.eventType}`, { kind: SpanKind.CONSUMER, links: [{ context: batch.spanContext() }] }, producers[i]);
    if (span.isRecording()) span.setAttributes(eventAttributes(event));
    return span;
  });
}

const sampled = (producer: Context) => ((trace.getSpanContext(producer)?.traceFlags ?? TraceFlags.NONE) & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;

function batchAttributes(context: BatchContext) {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': context.topic,
    'messaging.destination.partition.id': String(context.partition),
    'messaging.consumer.group.name': context.group,
    'messaging.batch.message_count': context.events.length,
  };
}

function eventAttributes(event: DecodedEvent) {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': event.message.topic,
    'messaging.destination.partition.id': String(event.message.partition),
    'messaging.kafka.offset': Number(event.message.offset),
    'messaging.message.id': event.eventId,
    'eventline.event_type': event.eventType,
    'eventline.tenant_id': event.tenantId,
  };
}

function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
