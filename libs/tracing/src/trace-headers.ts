import { context as contextApi, defaultTextMapSetter, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** The W3C headers a trace context travels in, over HTTP, outbox rows and Kafka messages alike. */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

export type TraceHeaders = Partial<Record<(typeof TRACE_HEADERS)[number], string>>;

/**
 * Its own instance rather than the global propagator: the headers are W3C trace context whether
 * or not startTracing() ran (a process without tracing still passes a caller's trace along).
 */
const w3c = new W3CTraceContextPropagator();

/** Writes `traceparent` (and `tracestate`) of the context's span into `headers`; nothing when the context has no valid span. */
export function injectTraceHeaders<H extends Record<string, string>>(headers: H, context: Context = contextApi.active()): H {
  w3c.inject(context, headers, defaultTextMapSetter);
  return headers;
}

/** The trace context of the headers' `traceparent` (a remote parent), on top of `base`; `base` itself when there is none or it is malformed. */
export function extractTraceContext(headers: Readonly<Record<string, unknown>> | undefined, base: Context = contextApi.active()): Context {
  if (!headers) return base;
  return w3c.extract(base, headers, stringGetter);
}

/** The trace headers of a context, as their own record (for a store that keeps them beside the event, like the outbox). */
export function traceHeadersOf(context: Context = contextApi.active()): TraceHeaders | undefined {
  const headers = injectTraceHeaders<Record<string, string>>({}, context);
  return headers.traceparent ? (headers as TraceHeaders) : undefined;
}

/** Node's incoming HTTP headers may repeat a name (string[]); Kafka's are strings; anything else is no header. */
const stringGetter = {
  keys: (carrier: Readonly<Record<string, unknown>>) => Object.keys(carrier),
  get: (carrier: Readonly<Record<string, unknown>>, key: string): string | string[] | undefined => {
    const value = carrier[key];
    return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? (value as string | string[]) : undefined;
  },
};
