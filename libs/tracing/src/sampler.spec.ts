import { randomBytes } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { samplerFrom } from './sampler';

const decide = (env: NodeJS.ProcessEnv, traceId: string, parentSampled?: boolean) => {
  const parent =
    parentSampled === undefined
      ? ROOT_CONTEXT
      : trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: 'b'.repeat(16), traceFlags: parentSampled ? TraceFlags.SAMPLED : TraceFlags.NONE, isRemote: true });
  return samplerFrom(env).shouldSample(parent, traceId, 'span', SpanKind.CONSUMER, {}, []).decision;
};

describe('samplerFrom(OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG)', () => {
  it('samples every root trace by default and follows the parent (the producer) when there is one', () => {
    expect(decide({}, 'a'.repeat(32))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide({}, 'a'.repeat(32), false)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('keeps a ratio of root traces by trace id, and still follows a sampled parent', () => {
    const env = { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' };
    const ids = Array.from({ length: 2_000 }, () => randomBytes(16).toString('hex'));
    const kept = ids.filter((id) => decide(env, id) === SamplingDecision.RECORD_AND_SAMPLED).length / ids.length;
    expect(kept).toBeGreaterThan(0.2);
    expect(kept).toBeLessThan(0.3);
    expect(ids.every((id) => decide(env, id, true) === SamplingDecision.RECORD_AND_SAMPLED)).toBe(true);
  });

  it('records nothing with always_off', () => {
    expect(decide({ OTEL_TRACES_SAMPLER: 'always_off' }, 'a'.repeat(32), true)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('names the variable and the reason for a value it cannot use', () => {
    expect(() => samplerFrom({ OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(
      'OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, got "sometimes"',
    );
    expect(() => samplerFrom({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow('OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1, got "2"');
  });
});
