import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { BatchContext, DecodedEvent } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { insertNotifications } from './planning/insert-notifications';
import { planNotifications } from './planning/plan-notifications';
import { recordSuppressions } from './suppressions/record-suppressions';

/**
 * Turns events into notification rows inside the batch's transaction (with the consumer offsets),
 * so a crash never loses or duplicates one. Sending happens later, in the DeliveryLoop, once the
 * rows are committed.
 */
@Controller()
export class NotificationHandler {
  @OnEvent('*')
  async handle(@Payload() events: DecodedEvent[], @Ctx() context: BatchContext): Promise<void> {
    const tx = context.tx;
    if (!tx) throw new Error('the notification worker needs the transactional consumer (a database pool)');
    await recordSuppressions(tx, events);
    await insertNotifications(tx, await planNotifications(tx, events));
  }
}
