import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Catalog } from '@eventline/contracts';
import type { BatchContext, DecodedEvent } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { CATALOG } from '@eventline/nest-platform';
import { projectUsageEvents } from '@eventline/usage-projection';
import { usageEventTypes } from '@eventline/usage-kpis';

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
    await projectUsageEvents(tx, events, this.usageTypes);
  }
}
