import { loadCatalog, type Catalog, type EventType } from '@eventline/contracts';
import { KafkaPortError, type KafkaPort, type ProducerPort } from '@eventline/kafka-port';
import { PiiSealer } from '@eventline/pii-sealing';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import type { SubjectKeyStore } from '@eventline/subject-keys';
import { Batcher } from './batcher';
import type { EventInput, UntypedEventInput } from './event-input';
import { occurredAtWindowFrom, type OccurredAtWindow } from './edge-checks';
import { EventEncoder, type PreparedEvent, type ValidatedEvent } from './event-encoder';
import { inPublishSpan } from './publish-span';
import { PublishUnavailableError, withinBudget } from './publish-unavailable';
import { EventValidationError } from './validation-error';

export interface PublisherOptions {
  kafka: KafkaPort;
  registry: SchemaRegistryClient;
  /** The producing service, written to each event's `source`. */
  source: string;
  catalog?: Catalog;
  /** How long a message may wait for others to fill its batch. */
  lingerMs?: number;
  maxBatchSize?: number;
  /**
   * Longest wait for the broker's acknowledgement of a publish (connecting included), in ms; past
   * it the publish fails with a retriable PublishUnavailableError. Default 10 000.
   */
  sendBudgetMs?: number;
  /**
   * How far an event's `occurred_at` may lie from this clock. Default: 1 year back and 1 hour
   * ahead, or EVENTLINE_OCCURRED_AT_MAX_AGE_S and EVENTLINE_OCCURRED_AT_MAX_AHEAD_S.
   */
  occurredAtWindow?: OccurredAtWindow;
  /**
   * Where data subjects' keys live (crypto-shredding). With it, the values of fields marked
   * `"pii": true` are sealed per subject into `pii_sealed` before anything leaves the process;
   * without it they travel in clear.
   */
  subjectKeys?: SubjectKeyStore;
}

const DEFAULT_SEND_BUDGET_MS = 10_000;

export interface PublishResult {
  event_id: string;
  event_type: string;
  topic: string;
}

/** One or more events of a batch failed validation; none of the batch was published. */
export class BatchValidationError extends Error {
  constructor(readonly failures: Array<{ index: number; error: EventValidationError }>) {
    super(`${failures.length} event(s) of the batch are invalid, so none was published: ${failures.map((f) => `#${f.index} ${f.error.message}`).join(' | ')}`);
    this.name = 'BatchValidationError';
  }
}

/**
 * The publisher SDK: validates each event against its contract before anything leaves the
 * process, encodes it in the Confluent wire format, keys it by tenant and sends it through an
 * idempotent acks=all producer in short batches. close() flushes what is queued.
 */
export class Publisher {
  private readonly encoder: EventEncoder;
  private readonly producer: ProducerPort;
  private readonly batcher: Batcher;
  private readonly sendBudgetMs: number;
  private connecting: Promise<void> | undefined;
  private connected = false;

  constructor(options: PublisherOptions) {
    this.encoder = new EventEncoder(options.catalog ?? loadCatalog(), options.registry, options.source, {
      occurredAtWindow: options.occurredAtWindow ?? occurredAtWindowFrom(),
      sealer: options.subjectKeys && new PiiSealer(options.subjectKeys),
    });
    this.sendBudgetMs = options.sendBudgetMs ?? DEFAULT_SEND_BUDGET_MS;
    this.producer = options.kafka.producer({ idempotent: true, retry: retryWithin(this.sendBudgetMs) });
    this.batcher = new Batcher(this.producer, options.lingerMs ?? 5, options.maxBatchSize ?? 500);
  }

  /** One connect at a time: a publish that gave up on a slow connect leaves it to the next one. */
  async connect(): Promise<void> {
    if (this.connected) return;
    this.connecting ??= this.producer.connect().then(
      () => void (this.connected = true),
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    await this.connecting;
  }

  async publish<T extends EventType>(event: EventInput<T>): Promise<PublishResult> {
    const [result] = await this.publishUntyped([event as UntypedEventInput]);
    return result;
  }

  publishMany<T extends EventType>(events: Array<EventInput<T>>): Promise<PublishResult[]> {
    return this.publishUntyped(events as UntypedEventInput[]);
  }

  /** For input typed only at run time (HTTP, CLI, outbox rows): the same checks, all or nothing. */
  async publishUntyped(events: UntypedEventInput[]): Promise<PublishResult[]> {
    return inPublishSpan(events, async () => {
      const prepared = await this.prepareAll(events);
      await this.send(prepared);
      return prepared.map((p) => ({ event_id: p.eventId, event_type: p.eventType, topic: p.topic }));
    });
  }

  /**
   * Checks events against their contracts without any I/O and returns their full envelopes
   * (defaults filled). Throws a single event's error as is, a batch's as BatchValidationError.
   */
  validateAll(events: UntypedEventInput[]): Array<Record<string, unknown>> {
    return this.validateEach(events).map((event) => event.envelope);
  }

  /** Validates all (once), then encodes each (schema ids from the registry, cached). */
  async prepareAll(events: UntypedEventInput[]): Promise<PreparedEvent[]> {
    return this.encoder.encodeAll(this.validateEach(events));
  }

  private validateEach(events: UntypedEventInput[]): ValidatedEvent[] {
    const failures: Array<{ index: number; error: EventValidationError }> = [];
    const validated: ValidatedEvent[] = [];
    events.forEach((event, index) => {
      try {
        validated.push(this.encoder.validate(event));
      } catch (error) {
        if (!(error instanceof EventValidationError)) throw error;
        failures.push({ index, error });
      }
    });
    if (failures.length > 0) throw events.length === 1 ? failures[0].error : new BatchValidationError(failures);
    return validated;
  }

  /**
   * Resolves once the broker acknowledged every event; fails within the send budget otherwise, with
   * a PublishUnavailableError when trying again later may work. A send given up on may still
   * reach Kafka afterwards: publishing is at-least-once, and consumers deduplicate on event_id.
   */
  async send(prepared: PreparedEvent[]): Promise<void> {
    const delivered = (async () => {
      await this.connect();
      await this.batcher.enqueue(prepared.map(({ topic, message }) => ({ topic, message })));
    })();
    // The race below may abandon it; its rejection is reported there, not as an unhandled one.
    delivered.catch(() => undefined);
    try {
      await withinBudget(delivered, this.sendBudgetMs, `publishing ${prepared.length} event(s)`);
    } catch (error) {
      if (error instanceof KafkaPortError && error.retriable) throw new PublishUnavailableError(`publishing ${prepared.length} event(s): ${error.message}`, { cause: error });
      throw error;
    }
  }

  /** Flushes queued events, then disconnects. */
  async close(): Promise<void> {
    await this.batcher.flush();
    if (this.connected) await this.producer.disconnect();
    this.connected = false;
  }
}

/**
 * kafkajs' retries for one send, short enough to end inside the budget (delays of about 100, 200,
 * 400, … ms, each at most a quarter of it), so the producer itself gives up rather than leave a
 * send running behind a publish that already failed.
 */
function retryWithin(budgetMs: number) {
  return { retries: 5, initialRetryTimeMs: Math.min(100, budgetMs / 20), maxRetryTimeMs: budgetMs / 4 };
}
