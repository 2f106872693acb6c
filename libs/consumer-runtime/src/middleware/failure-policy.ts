import type { IncomingMessage } from '@eventline/kafka-port';
import type { BatchContext, DeadLetter, DecodedEvent, Middleware, Next } from '../context';
import { backoffDelay, type Backoff } from '../failures/backoff';
import type { FailureKind } from '../failures/classify';
import { FailureLedger, type PartitionFailures } from '../failures/partition-failures';
import { RetryLater } from '../failures/retry-later';

export interface FailurePolicyOptions {
  classify: (error: unknown) => FailureKind;
  /** Sends letters to the group's dead-letter topic; resolves once Kafka has them. */
  sendDeadLetters: (context: BatchContext, letters: DeadLetter[]) => Promise<void>;
  /** Retries of a batch that failed permanently before it is bisected. */
  permanentRetries?: number;
  /** Most time from a batch's first permanent failure to its failing event's dead letter. */
  budgetMs?: number;
  permanentBackoff?: Backoff;
  transientBackoff?: Backoff;
}

type Settings = Required<FailurePolicyOptions>;

export const FAILURE_POLICY_DEFAULTS = {
  permanentRetries: 3,
  budgetMs: 30_000,
  permanentBackoff: { initialMs: 500, maxMs: 4_000 },
  transientBackoff: { initialMs: 500, maxMs: 10_000 },
};

/**
 * Decides what a failed batch becomes. Transient failures: retried later, for as long as they
 * last, with the partition paused. Permanent ones: a few retries, then the batch is bisected until
 * the one failing event is found; that event is dead-lettered with its reason and the rest is
 * projected, in order, within the retry budget. A retry is a RetryLater signal to the consumer,
 * never a sleep here, so other partitions and shutdown never wait on a backoff.
 */
export function failurePolicy(options: FailurePolicyOptions): Middleware {
  const settings: Settings = { ...FAILURE_POLICY_DEFAULTS, ...options };
  const ledger = new FailureLedger();
  return async (context, next) => {
    const attempt = new BatchAttempt(context, next, settings);
    const known = ledger.current(context.topic, context.partition, attempt.batch[0].offset);
    try {
      if (known && dueForBisection(known, settings)) await attempt.bisect(attempt.batch);
      else await runOrBisect(attempt, ledger, settings);
      ledger.clear(context.topic, context.partition);
    } catch (error) {
      if (error instanceof RetryLater) throw error;
      // Also mid-bisection: what succeeded so far is committed, and the rest is retried later. A
      // permanent failure of the dead-letter step itself (a record too large for the topic) waits
      // on its own partition too, rather than crashing the whole consumer.
      const kind = settings.classify(error);
      const record = ledger.record(context.topic, context.partition, attempt.resumeFrom, kind);
      const backoff = kind === 'transient' ? backoffDelay(settings.transientBackoff, record.transient) : settings.permanentBackoff.maxMs;
      throw new RetryLater(error, kind, record.fromOffset, backoff, kind === 'transient' ? record.transient : record.permanent);
    } finally {
      attempt.restoreContext();
    }
  };
}

async function runOrBisect(attempt: BatchAttempt, ledger: FailureLedger, settings: Settings): Promise<void> {
  try {
    await attempt.run(attempt.batch);
  } catch (error) {
    if (settings.classify(error) === 'transient') throw error;
    const { topic, partition } = attempt.context;
    const record = ledger.record(topic, partition, attempt.resumeFrom, 'permanent');
    if (!dueForBisection(record, settings)) throw new RetryLater(error, 'permanent', record.fromOffset, backoffDelay(settings.permanentBackoff, record.permanent), record.permanent);
    await attempt.bisect(attempt.batch, error);
  }
}

/** Retries used up, or half the budget gone: the other half is for finding the failing event. */
function dueForBisection(record: PartitionFailures, settings: Settings): boolean {
  if (record.permanent === 0) return false;
  const spent = Date.now() - (record.firstPermanentAt ?? Date.now());
  return record.permanent > settings.permanentRetries || spent + backoffDelay(settings.permanentBackoff, record.permanent) > settings.budgetMs / 2;
}

const after = (message: IncomingMessage) => String(BigInt(message.offset) + 1n);

/** One delivery of a partition's batch, run as one part or as several committed in order. */
class BatchAttempt {
  readonly batch: IncomingMessage[];
  /** The first offset not committed yet: where a retry resumes. */
  resumeFrom: string;
  private readonly events: DecodedEvent[] = [];
  private readonly deadLetters: DeadLetter[] = [];

  constructor(
    readonly context: BatchContext,
    private readonly next: Next,
    private readonly settings: Settings,
  ) {
    this.batch = context.messages;
    this.resumeFrom = this.batch[0].offset;
  }

  /** Runs the rest of the chain on part of the batch: its rows and its offset commit together. */
  async run(messages: IncomingMessage[]): Promise<void> {
    Object.assign(this.context, { messages, nextOffset: after(messages[messages.length - 1]), events: [], deadLetters: [] });
    await this.next();
    this.events.push(...this.context.events);
    this.deadLetters.push(...this.context.deadLetters);
    this.resumeFrom = this.context.nextOffset;
  }

  /**
   * Splits messages known to fail into halves, run in order; a failing half is split again, down
   * to the single event, which is dead-lettered. A transient failure on the way ends the search.
   */
  async bisect(messages: IncomingMessage[], failure?: unknown): Promise<void> {
    const pending = messages.filter((message) => BigInt(message.offset) >= BigInt(this.resumeFrom));
    if (pending.length === 1 && failure !== undefined) return this.deadLetter(pending[0], failure);
    const mid = Math.ceil(pending.length / 2);
    for (const half of [pending.slice(0, mid), pending.slice(mid)].filter((part) => part.length > 0)) {
      try {
        await this.run(half);
      } catch (error) {
        if (this.settings.classify(error) === 'transient') throw error;
        if (half.length === 1) await this.deadLetter(half[0], error);
        else await this.bisect(half, error);
      }
      await this.context.heartbeat().catch(() => undefined);
    }
  }

  /** Sends the letter first, then moves the stored offset past the event: a crash between repeats the letter, never loses it. */
  private async deadLetter(message: IncomingMessage, error: unknown): Promise<void> {
    const letter: DeadLetter = { message, errorClass: errorClass(error), reason: error instanceof Error ? error.message : String(error) };
    await this.settings.sendDeadLetters(this.context, [letter]);
    Object.assign(this.context, { messages: [], nextOffset: after(message), events: [], deadLetters: [] });
    await this.next();
    this.deadLetters.push(letter);
    this.resumeFrom = after(message);
  }

  /** Leaves the whole batch and what its parts did on the context, for the outer middleware. */
  restoreContext(): void {
    Object.assign(this.context, { messages: this.batch, events: this.events, deadLetters: this.deadLetters });
  }
}

/** The error's class, with its code when it has one: `DatabaseError(22021)`. pg names its errors just "error". */
function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const name = error.name === 'error' ? error.constructor.name : error.name;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? `${name}(${code})` : name;
}
