import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DecodedEvent, TransactionalContext } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { MODERATED_EVENT_TYPES, type ModeratedEventType } from '@eventline/moderation-policies';
import { ModerationService } from './moderation.service';

/** Moderates the events that carry something to moderate; message handlers live on controllers in Nest. */
@Controller()
export class ModerationHandler {
  constructor(@Inject(ModerationService) private readonly moderation: ModerationService) {}

  /** Cases and outbox rows commit with the offsets, in the batch's transaction. */
  @OnEvent(MODERATED_EVENT_TYPES)
  async moderate(@Payload() events: Array<DecodedEvent<ModeratedEventType>>, @Ctx() { tx }: TransactionalContext): Promise<void> {
    // In order: a block applied earlier in the batch must apply to a DM later in it, and counts must see their predecessors.
    for (const event of events) await this.moderation.moderate(tx, event);
  }
}
