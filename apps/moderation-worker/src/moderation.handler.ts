import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { BatchContext, DecodedEvent } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { ModerationService } from './moderation.service';

/** Moderates every event of the moderated topics; message handlers live on controllers in Nest. */
@Controller()
export class ModerationHandler {
  constructor(@Inject(ModerationService) private readonly moderation: ModerationService) {}

  @OnEvent('*')
  async moderate(@Payload() events: DecodedEvent[], @Ctx() context: BatchContext): Promise<void> {
    const tx = context.tx;
    if (!tx) throw new Error('moderation needs the transactional consumer (a database pool): cases and outbox rows commit with the offsets');
    // In order: a block applied earlier in the batch must apply to a DM later in it, and counts must see their predecessors.
    for (const event of events) await this.moderation.moderate(tx, event);
  }
}
