import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';
import { PG_POOL } from '@eventline/nest-platform';
import { OutboxRelay } from '@eventline/outbox';
import { Publisher } from '@eventline/publisher';

/** Runs the relay for the app's lifetime; on shutdown it finishes the batch in hand before the publisher flushes. */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(Publisher) publisher: Publisher, @Inject(PinoLogger) logger: PinoLogger) {
    this.relay = new OutboxRelay(pool, publisher, logger, {
      batchSize: Number(process.env.OUTBOX_BATCH_SIZE ?? 200),
      pollIntervalMs: Number(process.env.OUTBOX_POLL_MS ?? 1_000),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}
