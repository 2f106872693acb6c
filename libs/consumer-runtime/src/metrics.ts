import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Middleware } from './context';

/** The runtime's Prometheus metrics, labelled by group and topic; apps serve `registry` on /metrics. */
export class ConsumerMetrics {
  readonly consumed: Counter<'group' | 'topic'>;
  readonly projected: Counter<'group' | 'topic'>;
  readonly errors: Counter<'group' | 'topic'>;
  readonly deadLettered: Counter<'group' | 'topic'>;
  readonly lag: Gauge<'group' | 'topic' | 'partition'>;
  readonly batchDuration: Histogram<'group' | 'topic'>;

  constructor(readonly registry: Registry = new Registry()) {
    const labelNames = ['group', 'topic'] as const;
    const registers = [registry];
    this.consumed = new Counter({ name: 'eventline_events_consumed_total', help: 'Messages fetched from Kafka', labelNames, registers });
    this.projected = new Counter({ name: 'eventline_events_projected_total', help: 'Events handled and committed', labelNames, registers });
    this.errors = new Counter({ name: 'eventline_consumer_errors_total', help: 'Transient failures retried', labelNames, registers });
    this.deadLettered = new Counter({ name: 'eventline_events_dead_lettered_total', help: 'Messages sent to the dead-letter topic', labelNames, registers });
    this.lag = new Gauge({ name: 'eventline_consumer_lag', help: 'Messages behind the partition end', labelNames: ['group', 'topic', 'partition'], registers });
    this.batchDuration = new Histogram({
      name: 'eventline_batch_duration_seconds',
      help: 'Time to process one partition batch',
      labelNames,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  /** Outermost middleware: counts what came in and what went out, and times the whole batch. */
  middleware(): Middleware {
    return async (context, next) => {
      const labels = { group: context.group, topic: context.topic };
      this.consumed.inc(labels, context.messages.length);
      const stop = this.batchDuration.startTimer(labels);
      await next();
      stop();
      this.projected.inc(labels, context.events.length);
      this.deadLettered.inc(labels, context.deadLetters.length);
      const lag = BigInt(context.highWatermark) - BigInt(context.nextOffset);
      this.lag.set({ ...labels, partition: String(context.partition) }, Number(lag > 0n ? lag : 0n));
    };
  }
}
