import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext } from '@eventline/tracing';

const tracer = trace.getTracer('@eventline/ingest-gateway');

/**
 * One SERVER span per request, continuing the caller's trace when it sends `traceparent` (and
 * `tracestate`); the rest of the request runs in its context, so the publisher's span and the
 * Kafka headers follow from it. Mounted after the body parser: the parser's stream callbacks run
 * outside any context this middleware could set before it.
 */
export function traceRequest(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void {
  const parent = extractTraceContext(req.headers, context.active());
  // Express strips a mount path from req.url; originalUrl keeps it.
  const route = (req.originalUrl ?? req.url ?? '/').split('?')[0];
  const span = tracer.startSpan(`${req.method} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': route } }, parent);
  res.once('finish', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  res.once('close', () => span.isRecording() && span.end());
  context.with(trace.setSpan(parent, span), next);
}
