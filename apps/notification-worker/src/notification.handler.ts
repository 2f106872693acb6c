import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DecodedEvent, TransactionalContext } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { insertNotifications } from './planning/insert-notifications';
import { planNotifications } from './planning/plan-notifications';
import { NOTIFIED_EVENT_TYPES } from './subscription';
import { recordSuppressions, SUPPRESSION_EVENT_TYPES } from './suppressions/record-suppressions';

/**
 * Turns events into notification rows inside the batch's transaction (with the consumer offsets),
 * so a crash never loses or duplicates one. Sending happens later, in the DeliveryLoop, once the
 * rows are committed. Suppressions are declared first, so the router records a batch's
 * suppressions before it plans that batch's mail.
 */
@Controller()
export class NotificationHandler {
  @OnEvent(SUPPRESSION_EVENT_TYPES)
  async suppress(@Payload() events: Array<DecodedEvent<(typeof SUPPRESSION_EVENT_TYPES)[number]>>, @Ctx() { tx }: TransactionalContext): Promise<void> {
    await recordSuppressions(tx, events);
  }

  @OnEvent(NOTIFIED_EVENT_TYPES)
  async notify(@Payload() events: DecodedEvent[], @Ctx() { tx }: TransactionalContext): Promise<void> {
    await insertNotifications(tx, await planNotifications(tx, events));
  }
}
