import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { extractTraceContext, injectTraceHeaders } from './trace-headers';
import { currentTracing, startTracing } from './start-tracing';

describe('startTracing with an in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ service: 'tracing-spec', exporter, env: {} });
  afterAll(() => tracing.shutdown());

  it('records spans under the service, and is started once per process', () => {
    expect(tracing.recording).toBe(true);
    expect(startTracing({ service: 'another', env: {} })).toBe(tracing);
    expect(currentTracing()).toBe(tracing);
  });

  it('continues a trace from headers across an async hop and hands it on in the next headers', async () => {
    exporter.reset();
    const parent = extractTraceContext({ traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` });
    const tracer = trace.getTracer('spec');
    const outgoing = await context.with(parent, () =>
      tracer.startActiveSpan('consume', { kind: SpanKind.CONSUMER }, async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const headers = injectTraceHeaders<Record<string, string>>({});
        span.end();
        return headers;
      }),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.resource.attributes['service.name']).toBe('tracing-spec');
    expect(span.spanContext().traceId).toBe('1'.repeat(32));
    expect(span.parentSpanContext?.spanId).toBe('2'.repeat(16));
    expect(outgoing.traceparent).toBe(`00-${'1'.repeat(32)}-${span.spanContext().spanId}-01`);
  });

  it('names the variable when the batch delay is not a number', () => {
    jest.isolateModules(() => {
      const { startTracing: fresh } = jest.requireActual<typeof import('./start-tracing')>('./start-tracing');
      expect(() => fresh({ service: 's', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_BSP_SCHEDULE_DELAY: 'soon' } })).toThrow(
        'OTEL_BSP_SCHEDULE_DELAY must be a positive number of milliseconds, got "soon"',
      );
    });
  });
});
