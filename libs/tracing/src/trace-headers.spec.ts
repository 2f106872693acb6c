import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { extractTraceContext, injectTraceHeaders, traceHeadersOf } from './trace-headers';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('W3C trace headers', () => {
  it('extracts a traceparent (and tracestate) into a remote parent span context', () => {
    const context = extractTraceContext({ traceparent: TRACEPARENT, tracestate: 'vendor=abc', event_id: 'e-1' }, ROOT_CONTEXT);
    const span = trace.getSpanContext(context);
    expect(span).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: true });
    expect(span?.traceState?.serialize()).toBe('vendor=abc');
  });

  it('injects the context into headers, keeping the headers already there', () => {
    const context = extractTraceContext({ traceparent: TRACEPARENT, tracestate: 'vendor=abc' }, ROOT_CONTEXT);
    const headers = injectTraceHeaders({ event_type: 'TICKET_ASSIGNED' }, context);
    expect(headers).toEqual({ event_type: 'TICKET_ASSIGNED', traceparent: TRACEPARENT, tracestate: 'vendor=abc' });
  });

  it('round-trips a span of its own: the next hop sees this span as its parent', () => {
    const spanContext = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.NONE };
    const headers = traceHeadersOf(trace.setSpanContext(ROOT_CONTEXT, spanContext));
    expect(headers).toEqual({ traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-00` });
    expect(trace.getSpanContext(extractTraceContext(headers, ROOT_CONTEXT))).toMatchObject({ ...spanContext, isRemote: true });
  });

  it.each([
    ['a malformed traceparent', { traceparent: 'not-a-trace' }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['no traceparent', { tracestate: 'vendor=abc' }],
    ['a non-string header', { traceparent: 42 }],
  ])('leaves the base context as it is for %s', (_, headers) => {
    expect(trace.getSpanContext(extractTraceContext(headers, ROOT_CONTEXT))).toBeUndefined();
  });

  it('writes nothing for a context without a span', () => {
    expect(injectTraceHeaders({ event_id: 'e-1' }, ROOT_CONTEXT)).toEqual({ event_id: 'e-1' });
    expect(traceHeadersOf(ROOT_CONTEXT)).toBeUndefined();
  });

  it('takes the first of repeated HTTP headers', () => {
    const context = extractTraceContext({ traceparent: [TRACEPARENT, `00-${'c'.repeat(32)}-${SPAN_ID}-01`] }, ROOT_CONTEXT);
    expect(trace.getSpanContext(context)?.traceId).toBe(TRACE_ID);
  });
});
