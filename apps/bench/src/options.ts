import { Command, InvalidArgumentError } from 'commander';
import { KAFKA_CLIENTS, type KafkaClientName } from '@eventline/kafka-port';

export const PHASES = ['P1', 'P2', 'P2b', 'P3', 'P4', 'P5', 'P6', 'P10'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  clients: KafkaClientName[];
  /** Runs per figure (P5 and P6 run once). */
  runs: number;
  tenants: number;
  p1Events: number;
  p2Events: number;
  /** P2b and P3: the size of the pre-filled topic. */
  p3Events: number;
  p4Events: number;
  p5Rate: number;
  p5Seconds: number;
  p6Events: number;
  /** Events per P6 window; the early windows stand for "at 10,000 events". */
  p6Window: number;
  p10Seconds: number;
  only: Phase[];
}

const positiveInt =
  (name: string) =>
  (value: string): number => {
    const n = Number(value.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got "${value}"`);
    return n;
  };

const listOf =
  <T extends string>(name: string, allowed: readonly T[]) =>
  (value: string): T[] => {
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (unknown.length > 0 || items.length === 0) throw new InvalidArgumentError(`${name} takes a comma-separated list of ${allowed.join(', ')}; got "${value}"`);
    return items as T[];
  };

export function parseOptions(argv: string[]): BenchOptions {
  const program = new Command('bench')
    .description('Every comparison of issue 11 (P1–P10), baseline and Eventline side by side, against the running stack (npm start / npm run stack:up).')
    .option('--clients <list>', `Kafka adapters to measure P1, P2b and P3 with (${KAFKA_CLIENTS.join(',')})`, listOf('--clients', KAFKA_CLIENTS), [...KAFKA_CLIENTS])
    .option('--runs <n>', 'runs per figure (its median and min–max are shown)', positiveInt('--runs'), 3)
    .option('--tenants <n>', 'tenants (record keys) the events are spread over', positiveInt('--tenants'), 20)
    .option('--p1-events <n>', 'P1: events per publish run', positiveInt('--p1-events'), 200_000)
    .option('--p2-events <n>', 'P2: events per run, SDK and NestJS emit', positiveInt('--p2-events'), 50_000)
    .option('--p3-events <n>', 'P2b and P3: events on the pre-filled topic', positiveInt('--p3-events'), 100_000)
    .option('--p4-events <n>', 'P4: events per run, projection and NestJS INSERT handler', positiveInt('--p4-events'), 3_000)
    .option('--p5-rate <n>', 'P5/P7: fixed publish rate, events/s', positiveInt('--p5-rate'), 2_000)
    .option('--p5-seconds <n>', 'P5/P7: how long the open loop publishes', positiveInt('--p5-seconds'), 60)
    .option('--p6-events <n>', 'P6: events projected in its one run', positiveInt('--p6-events'), 1_000_000)
    .option('--p6-window <n>', 'P6: events per window', positiveInt('--p6-window'), 10_000)
    .option('--p10-seconds <n>', 'P10: seconds per autocannon run', positiveInt('--p10-seconds'), 10)
    .option('--only <list>', `run only these comparisons (${PHASES.join(',')})`, listOf('--only', PHASES), [...PHASES])
    .showHelpAfterError()
    .parse(argv);
  const options = program.opts<BenchOptions>();
  if (options.p6Events < 2 * options.p6Window) throw new InvalidArgumentError('--p6-events must hold at least two --p6-window windows');
  return options;
}
