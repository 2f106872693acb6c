import { SpanKind, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import { extractTraceContext } from '@eventline/tracing';
import type { UntypedEventInput } from './event-input';

const tracer = trace.getTracer('@eventline/publisher');

/**
 * Runs one publish call inside a PRODUCER span, a child of the active context (the gateway's
 * request span, a service's own span). Messages of events without their own trace context carry
 * this span's (the encoder injects the active context); events that bring one (outbox rows) keep
 * it and are linked here instead. Without a tracer provider the span records nothing.
 */
export function inPublishSpan<T>(events: UntypedEventInput[], work: () => Promise<T>): Promise<T> {
  const links = carriedContexts(events);
  return tracer.startActiveSpan(
    'publish',
    { kind: SpanKind.PRODUCER, links, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.batch.message_count': events.length } },
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

function carriedContexts(events: UntypedEventInput[]): Link[] {
  const links: Link[] = [];
  for (const event of events) {
    if (!event.traceparent) continue;
    const context = trace.getSpanContext(extractTraceContext(event));
    if (context) links.push({ context });
  }
  return links;
}
