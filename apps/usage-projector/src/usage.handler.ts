import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Catalog } from '@eventline/contracts';
import type { BatchContext, DecodedEvent } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { CATALOG } from '@eventline/nest-platform';
import { rejectMiskeyed } from '@eventline/audit-projection';
import { usageEventTypes } from '@eventline/usage-kpis';
import { usageRecordRow } from './usage-rows';
import { recordUsage } from './usage-store';

/**
 * Projects model usage into usage_records and the usage_daily rollup. One '*' handler rather than
 * one per type: the usage topics also carry non-usage events (chat folders, …), and a batch is
 * written in one statement. Message handlers live on controllers in Nest.
 */
@Controller()
export class UsageHandler {
  private readonly usageTypes: Set<string>;

  constructor(@Inject(CATALOG) catalog: Catalog) {
    this.usageTypes = usageEventTypes(catalog);
  }

  @OnEvent('*')
  async project(@Payload() events: DecodedEvent[], @Ctx() context: BatchContext): Promise<void> {
    const tx = context.tx;
    if (!tx) throw new Error('the usage projection needs the transactional consumer (a database pool)');
    const usage = events.filter((event) => this.usageTypes.has(event.eventType));
    // A tenant's events stay in order only when keyed by tenant; the runtime dead-letters the rest.
    usage.forEach(rejectMiskeyed);
    await recordUsage(tx, usage.map(usageRecordRow));
  }
}
