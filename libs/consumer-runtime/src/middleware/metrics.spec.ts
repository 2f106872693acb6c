import type { IncomingMessage } from '@eventline/kafka-port';
import { decodedEvent, type BatchContext } from '../context';
import { ConsumerMetrics } from '../metrics';

const message = (offset: number): IncomingMessage => ({ topic: 'tickets', partition: 2, offset: String(offset), key: 'k', value: null, headers: {}, timestamp: 0 });

function batch(offsets: number[], highWatermark: string): BatchContext {
  return {
    group: 'projector',
    topic: 'tickets',
    partition: 2,
    messages: offsets.map(message),
    nextOffset: String(offsets.at(-1)! + 1),
    highWatermark,
    events: [],
    deadLetters: [],
    heartbeat: async () => undefined,
  };
}

/** What a stage further in leaves on the context: decoded events of two types and one dead letter. */
function project(context: BatchContext, types: string[], deadLetterOffsets: number[]) {
  context.events = types.map((eventType, i) => decodedEvent({ eventType, eventId: `e-${i}`, tenantId: 't', schemaId: 1, envelope: {}, message: message(i) }));
  context.deadLetters = deadLetterOffsets.map((offset) => ({ message: message(offset), errorClass: 'UndecodableMessageError', reason: 'bad' }));
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  /** Set on a histogram's _bucket, _sum and _count samples. */
  metricName?: string;
}

/** The value of the sample of `name` whose labels include `labels`, as /metrics would show it. */
async function value(metrics: ConsumerMetrics, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const family = name.replace(/_count$/, '');
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === family);
  const samples = (metric?.values ?? []) as unknown as Sample[];
  return samples.find((v) => (v.metricName ?? family) === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
}

describe('ConsumerMetrics middleware', () => {
  it('counts what a batch consumed, projected (by event type) and dead-lettered, sets the lag, and times it', async () => {
    const metrics = new ConsumerMetrics();
    const context = batch([10, 11, 12, 13], '20');
    await metrics.middleware()(context, async () => project(context, ['TICKET_ASSIGNED', 'TICKET_ASSIGNED', 'TICKET_CLOSED'], [13]));

    const labels = { group: 'projector', topic: 'tickets' };
    expect(await value(metrics, 'eventline_events_consumed_total', labels)).toBe(4);
    expect(await value(metrics, 'eventline_events_projected_total', labels)).toBe(3);
    expect(await value(metrics, 'eventline_events_handled_total', { group: 'projector', event_type: 'TICKET_ASSIGNED' })).toBe(2);
    expect(await value(metrics, 'eventline_events_handled_total', { group: 'projector', event_type: 'TICKET_CLOSED' })).toBe(1);
    expect(await value(metrics, 'eventline_events_dead_lettered_total', labels)).toBe(1);
    expect(await value(metrics, 'eventline_consumer_lag', { ...labels, partition: '2' })).toBe(6);
    expect(await value(metrics, 'eventline_batch_duration_seconds_count', labels)).toBe(1);
  });

  it('still counts what a failing batch got done before it failed, and leaves the lag alone', async () => {
    const metrics = new ConsumerMetrics();
    const context = batch([0, 1], '2');
    const failure = new Error('connect ECONNREFUSED');
    await expect(
      metrics.middleware()(context, async () => {
        project(context, ['TICKET_ASSIGNED'], []);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await value(metrics, 'eventline_events_consumed_total', { group: 'projector' })).toBe(2);
    expect(await value(metrics, 'eventline_events_projected_total', { group: 'projector' })).toBe(1);
    expect(await value(metrics, 'eventline_consumer_lag', { partition: '2' })).toBeUndefined();
  });

  it('never reports a negative lag when the batch reaches past the fetched end', async () => {
    const metrics = new ConsumerMetrics();
    const context = batch([5], '3');
    await metrics.middleware()(context, async () => undefined);
    expect(await value(metrics, 'eventline_consumer_lag', { partition: '2' })).toBe(0);
  });
});
