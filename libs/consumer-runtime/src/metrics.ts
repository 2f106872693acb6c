import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DecodedEvent, Middleware } from './context';
import type { PartitionProgress } from './health/partition-progress';

/** The runtime's Prometheus metrics, labelled by group and topic; apps serve `registry` on /metrics. */
export class ConsumerMetrics {
  readonly consumed: Counter<'group' | 'topic'>;
  readonly projected: Counter<'group' | 'topic'>;
  readonly handled: Counter<'group' | 'event_type'>;
  readonly retries: Counter<'group' | 'topic' | 'kind'>;
  readonly deadLettered: Counter<'group' | 'topic'>;
  readonly lag: Gauge<'group' | 'topic' | 'partition'>;
  readonly batchDuration: Histogram<'group' | 'topic'>;
  private readonly trackers: Array<{ group: string; progress: PartitionProgress }> = [];

  constructor(readonly registry: Registry = new Registry()) {
    const labelNames = ['group', 'topic'] as const;
    const registers = [registry];
    this.consumed = new Counter({ name: 'eventline_events_consumed_total', help: 'Messages fetched from Kafka', labelNames, registers });
    this.projected = new Counter({ name: 'eventline_events_projected_total', help: 'Events handled and committed', labelNames, registers });
    // Activity per event type (downloads, highlights, …): event_type is bounded by the catalog, and no tenant or id is ever a label.
    this.handled = new Counter({ name: 'eventline_events_handled_total', help: 'Events handled and committed, by event type', labelNames: ['group', 'event_type'], registers });
    this.retries = new Counter({
      name: 'eventline_consumer_retries_total',
      help: 'Failed batches scheduled for a retry, by kind (transient or permanent)',
      labelNames: ['group', 'topic', 'kind'],
      registers,
    });
    this.deadLettered = new Counter({ name: 'eventline_events_dead_lettered_total', help: "Messages sent to the group's dead-letter topic", labelNames, registers });
    this.lag = new Gauge({ name: 'eventline_consumer_lag', help: 'Messages behind the partition end', labelNames: ['group', 'topic', 'partition'], registers });
    this.batchDuration = new Histogram({
      name: 'eventline_batch_duration_seconds',
      help: 'Time to process one partition batch',
      labelNames,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const trackers = this.trackers;
    new Gauge({
      name: 'eventline_partition_seconds_since_progress',
      help: 'Seconds since the partition last committed; it grows while the partition is stalled or waits on a retry',
      labelNames: ['group', 'topic', 'partition'],
      registers,
      collect() {
        this.reset();
        for (const { group, progress } of trackers) {
          for (const state of progress.all()) this.set({ group, topic: state.topic, partition: String(state.partition) }, progress.secondsSinceProgress(state));
        }
      },
    });
  }

  /** Adds a consumer's partitions to the seconds-since-progress gauge. */
  track(group: string, progress: PartitionProgress): void {
    this.trackers.push({ group, progress });
  }

  /**
   * Outermost middleware: counts what came in and what went out (also of a batch that fails part-way), and times the batch.
   * After next(), context.events holds only the events of the parts that committed (the failure policy leaves it so).
   */
  middleware(): Middleware {
    return async (context, next) => {
      const labels = { group: context.group, topic: context.topic };
      this.consumed.inc(labels, context.messages.length);
      const stop = this.batchDuration.startTimer(labels);
      try {
        await next();
        const lag = BigInt(context.highWatermark) - BigInt(context.nextOffset);
        this.lag.set({ ...labels, partition: String(context.partition) }, Number(lag > 0n ? lag : 0n));
      } finally {
        stop();
        this.projected.inc(labels, context.events.length);
        for (const [eventType, count] of countByType(context.events)) this.handled.inc({ group: context.group, event_type: eventType }, count);
        this.deadLettered.inc(labels, context.deadLetters.length);
      }
    };
  }
}

function countByType(events: DecodedEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.eventType, (counts.get(event.eventType) ?? 0) + 1);
  return counts;
}
