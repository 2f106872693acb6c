export { startTracing, currentTracing, SHUTDOWN_BUDGET_MS } from './start-tracing';
export type { Tracing, TracingOptions } from './start-tracing';
export { injectTraceHeaders, extractTraceContext, traceHeadersOf, TRACE_HEADERS } from './trace-headers';
export type { TraceHeaders } from './trace-headers';
export { serviceOfEntry } from './service-name';
