import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { Gauge, type Registry } from 'prom-client';
import { METRICS, PG_POOL } from '@eventline/nest-platform';
import { countUncertain } from './send-records';

/**
 * eventline_notifications_uncertain: emails an operator must decide about (sent or not?). Read
 * from the database at each scrape, so it falls as soon as `eventline notifications resolve` runs,
 * whichever worker marked them.
 */
@Injectable()
export class UncertainSendsGauge implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly registry: Registry,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onModuleInit(): void {
    const pool = this.pool;
    new Gauge({
      name: 'eventline_notifications_uncertain',
      help: 'Emails interrupted between the SMTP send and its record; list them with `eventline notifications uncertain`.',
      registers: [this.registry],
      async collect() {
        // A database that does not answer keeps the last value rather than failing the whole scrape.
        const count = await countUncertain(pool).catch(() => undefined);
        if (count !== undefined) this.set(count);
      },
    });
  }
}
