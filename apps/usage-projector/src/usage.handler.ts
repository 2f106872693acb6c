import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DecodedEvent, TransactionalContext } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { projectUsageEvents } from '@eventline/usage-projection';
import { USAGE_EVENT_TYPES, type UsageEventType } from '@eventline/usage-kpis';

const USAGE_TYPES: ReadonlySet<string> = new Set(USAGE_EVENT_TYPES);

/**
 * Projects model usage into usage_records and the usage_daily rollup. One handler for every usage
 * type, so a batch is written in one statement. Message handlers live on controllers in Nest.
 */
@Controller()
export class UsageHandler {
  @OnEvent(USAGE_EVENT_TYPES)
  async project(@Payload() events: Array<DecodedEvent<UsageEventType>>, @Ctx() { tx }: TransactionalContext): Promise<void> {
    await projectUsageEvents(tx, events, USAGE_TYPES);
  }
}
