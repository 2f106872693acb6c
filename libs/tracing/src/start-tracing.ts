import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type Sampler, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { samplerFrom } from './sampler';

export interface TracingOptions {
  /** The resource's service.name (OTEL_SERVICE_NAME wins when set, as collectors expect). */
  service: string;
  /** Spans go here, each as it ends, instead of OTLP: tests pass an InMemorySpanExporter. */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** False when no exporter is configured: trace context is still carried, but no span is recorded. */
  readonly recording: boolean;
  readonly service: string;
  forceFlush(): Promise<void>;
  /** Exports what is pending (bounded by SHUTDOWN_BUDGET_MS) and stops recording. */
  shutdown(): Promise<void>;
}

/** Longest a shutdown waits for the collector: a stopping process must not hang on an unreachable one. */
export const SHUTDOWN_BUDGET_MS = 3_000;

let started: Tracing | undefined;

/**
 * Starts tracing for this process, once (later calls return the first one's handle). Always: the
 * AsyncLocalStorage context manager and the W3C propagator, so an incoming trace context reaches
 * the outgoing headers. With an exporter (OTEL_EXPORTER_OTLP_ENDPOINT or _TRACES_ENDPOINT set, or
 * `exporter` given): a tracer provider (sampled as OTEL_TRACES_SAMPLER says) and the pg instrumentation, which patches `pg` only if it
 * is loaded after this call — hence the boot import at the top of every app's main.ts.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (started) return started;
  const env = options.env ?? process.env;
  const service = env.OTEL_SERVICE_NAME || options.service;
  const processor = spanProcessorFor(options.exporter, env);
  const sampler = processor ? samplerFrom(env) : undefined;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  started = processor && sampler ? recordingTracing(service, processor, sampler) : offTracing(service);
  return started;
}

/** The handle of the running tracing, if startTracing() was called. */
export function currentTracing(): Tracing | undefined {
  return started;
}

function spanProcessorFor(exporter: SpanExporter | undefined, env: NodeJS.ProcessEnv): SpanProcessor | undefined {
  if (exporter) return new SimpleSpanProcessor({ exporter });
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  // The exporter reads the endpoint, headers and timeout variables itself; the batch delay is read here (the SDK no longer does).
  return new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: positiveNumber(env, 'OTEL_BSP_SCHEDULE_DELAY', 5_000) });
}

function recordingTracing(service: string, processor: SpanProcessor, sampler: Sampler): Tracing {
  const provider = new TracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }), sampler, spanProcessors: [processor] });
  trace.setGlobalTracerProvider(provider);
  // Only queries inside a traced operation: pool health checks, LISTEN and idle polls would be root spans of their own.
  registerInstrumentations({ tracerProvider: provider, instrumentations: [new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true })] });
  let stopping: Promise<void> | undefined;
  const tracing: Tracing = {
    recording: true,
    service,
    forceFlush: () => provider.forceFlush({ timeoutMillis: SHUTDOWN_BUDGET_MS }),
    shutdown: () => (stopping ??= withinBudget(provider.shutdown())),
  };
  flushOnSigterm(tracing);
  return tracing;
}

function offTracing(service: string): Tracing {
  return { recording: false, service, forceFlush: async () => undefined, shutdown: async () => undefined };
}

/**
 * Apps stop gracefully on SIGTERM (Nest's shutdown hooks), then raise it again once their own
 * listener is gone. Acting only when this is the last listener left keeps the spans of that
 * graceful stop (its last batches), exports them, and then lets the signal end the process.
 */
function flushOnSigterm(tracing: Tracing): void {
  const onSigterm = () => {
    if (process.listenerCount('SIGTERM') > 1) return;
    void tracing.shutdown().finally(() => {
      process.off('SIGTERM', onSigterm);
      process.kill(process.pid, 'SIGTERM');
    });
  };
  process.on('SIGTERM', onSigterm);
}

function withinBudget(work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_BUDGET_MS)));
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of milliseconds, got "${raw}"`);
  return value;
}
