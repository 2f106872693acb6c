import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@eventline/persistence';
import { EventValidationError, type Publisher, type UntypedEventInput } from '@eventline/publisher';
import { claimBatch, markFailed, markPublished, type OutboxRow } from './claim-batch';

export interface RelayLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RelayOptions {
  batchSize?: number;
  /** Fallback poll, for a missed notification; NOTIFY normally wakes the relay at once. */
  pollIntervalMs?: number;
  /** Longest wait between retries after a failure (database or broker down). */
  maxBackoffMs?: number;
}

export const OUTBOX_CHANNEL = 'eventline_outbox';

/**
 * Publishes committed outbox rows and marks them published, in the same database transaction
 * that holds their locks. A crash after Kafka acknowledged but before COMMIT republishes those
 * rows on restart (at-least-once; consumers deduplicate on event_id); a crash before the ack
 * loses nothing.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private listener: PoolClient | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly publisher: Publisher,
    private readonly logger: RelayLogger,
    options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Stops claiming new rows and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.listener) {
      this.listener.release();
      this.listener = undefined;
    }
  }

  /** Publishes at most one batch; returns how many rows it handled. */
  async runOnce(): Promise<number> {
    const { claimed, published } = await withTransaction(this.pool, async (client) => {
      const rows = await claimBatch(client, this.batchSize);
      const publishable = await this.dropUnpublishable(client, rows);
      await this.publisher.publishUntyped(publishable.map(toInput));
      await markPublished(
        client,
        publishable.map((row) => row.id),
      );
      return { claimed: rows.length, published: publishable.length };
    });
    if (claimed > 0) this.logger.info({ published, failed: claimed - published }, 'outbox batch published');
    return claimed;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const handled = await this.runOnce();
        failures = 0;
        if (!this.listener) await this.listenAgain();
        if (handled < this.batchSize) await this.sleep(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const delay = Math.min(this.maxBackoffMs, 200 * 2 ** Math.min(failures, 10));
        this.logger.warn({ err: error, retryInMs: delay }, 'outbox batch failed; nothing was marked, retrying');
        await this.sleep(delay);
      }
    }
  }

  /**
   * A row whose event no longer satisfies its contract can never be published; it is marked
   * failed (kept for operators) so that it does not block every row behind it.
   */
  private async dropUnpublishable(client: PoolClient, rows: OutboxRow[]): Promise<OutboxRow[]> {
    const publishable: OutboxRow[] = [];
    for (const row of rows) {
      try {
        this.publisher.validateAll([toInput(row)]);
        publishable.push(row);
      } catch (error) {
        if (!(error instanceof EventValidationError)) throw error;
        this.logger.error({ eventId: row.eventId, tenantId: row.tenantId, err: error.message }, 'outbox row no longer satisfies its contract; marked failed');
        await markFailed(client, row.id, error.message);
      }
    }
    return publishable;
  }

  private async listen(): Promise<void> {
    const listener = await this.pool.connect();
    listener.on('notification', () => this.wake?.());
    listener.on('error', (error) => this.dropListener(listener, error));
    try {
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      listener.release(error as Error);
      throw error;
    }
    this.listener = listener;
  }

  /**
   * A database restart breaks the LISTEN connection: it is given back to the pool to be discarded
   * (kept, it would hold a pool slot for nothing) and the relay polls until listenAgain() succeeds.
   */
  private dropListener(listener: PoolClient, error: Error): void {
    // pg reports one broken connection more than once ("terminating…", then "Connection terminated").
    if (this.listener !== listener) return;
    this.listener = undefined;
    this.logger.warn({ err: error }, 'outbox LISTEN connection failed; polling until it is back');
    listener.release(error);
  }

  /** After a batch succeeded, so the database is back: LISTEN again, or keep polling if that fails. */
  private async listenAgain(): Promise<void> {
    try {
      await this.listen();
      this.logger.info({}, 'outbox LISTEN connection restored');
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox LISTEN failed again; still polling');
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function toInput(row: OutboxRow): UntypedEventInput {
  const envelope = row.event.envelope as unknown as UntypedEventInput & { schema_version?: unknown };
  const { schema_version: _pendingVersion, ...input } = envelope;
  return { ...input, traceparent: row.event.traceContext?.traceparent, tracestate: row.event.traceContext?.tracestate };
}
