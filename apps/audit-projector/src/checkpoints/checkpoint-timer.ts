import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { checkpointEvent, loadCheckpointKey, writeCheckpoint, type CheckpointKey } from '@eventline/audit-projection';
import { Publisher } from '@eventline/publisher';
import { PG_POOL } from '@eventline/nest-platform';
import { checkpointKeyFile } from '@eventline/stack-config';

const DEFAULT_EVERY_S = 3_600;

/**
 * Signs the audit chains' heads on a timer and publishes them (audit.checkpoint_written) (EVENTLINE_CHECKPOINT_EVERY_S, hourly by default), so a
 * rewrite of a whole chain is detectable without anyone remembering to run `audit checkpoint`.
 * Without a key (EVENTLINE_CHECKPOINT_KEY_FILE) it says so once and does nothing.
 */
@Injectable()
export class CheckpointTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointTimer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(Publisher) private readonly publisher: Publisher,
  ) {}

  onApplicationBootstrap(): void {
    const file = checkpointKeyFile();
    if (!file) return void this.logger.warn('no EVENTLINE_CHECKPOINT_KEY_FILE: audit checkpoints are not written');
    const key = loadCheckpointKey(file);
    const everyS = Number(process.env.EVENTLINE_CHECKPOINT_EVERY_S || DEFAULT_EVERY_S);
    if (!Number.isFinite(everyS) || everyS <= 0) throw new Error(`EVENTLINE_CHECKPOINT_EVERY_S must be a number of seconds > 0, got "${process.env.EVENTLINE_CHECKPOINT_EVERY_S}"`);
    this.timer = setInterval(() => void (this.running ??= this.checkpoint(key).finally(() => (this.running = undefined))), everyS * 1_000);
    this.timer.unref();
    this.logger.log({ everyS, keyId: key.keyId }, 'audit checkpoints on a timer');
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async checkpoint(key: CheckpointKey): Promise<void> {
    try {
      const checkpoint = await writeCheckpoint(this.pool, key);
      const [published] = await this.publisher.publishUntyped([checkpointEvent(checkpoint, { id: 'audit-projector', type: 'system' })]);
      this.logger.log({ id: checkpoint.id, chains: checkpoint.heads.length, keyId: checkpoint.keyId, eventId: published.event_id }, 'audit checkpoint written and published');
    } catch (error) {
      // The next tick tries again; a missed checkpoint weakens the evidence but loses no data.
      this.logger.error({ err: error }, 'audit checkpoint failed');
    }
  }
}
