import { Command, InvalidArgumentError } from 'commander';

export interface BenchOptions {
  /** Events to publish and project. */
  events: number;
  /** Bench tenants the events are spread over (round robin). */
  tenants: number;
  /** Events per publishUntyped call, and the publisher's maxBatchSize. */
  batch: number;
}

const positiveInt = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

export function parseOptions(argv: string[]): BenchOptions {
  const program = new Command('bench:audit')
    .description(
      'Publishes N TICKET_ASSIGNED events through the publisher SDK, projects them with an in-process audit projection ' +
        '(own consumer group, starting at the topic end), then COPYs the same rows, and prints throughput, latency and COPY rate.',
    )
    .option('--events <n>', 'events to publish', positiveInt('--events'), 200_000)
    .option('--tenants <k>', 'bench tenants the events are spread over', positiveInt('--tenants'), 20)
    .option('--batch <n>', 'publish batch size (events per publish call)', positiveInt('--batch'), 1_000)
    .showHelpAfterError()
    .parse(argv);
  return program.opts<BenchOptions>();
}
