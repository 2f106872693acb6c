import { Injectable } from '@nestjs/common';
import { DeliveryError } from './delivery-error';
import type { PendingNotification, SendResult } from './pending-notification';

const TIMEOUT_MS = Number(process.env.NOTIFICATION_WEBHOOK_TIMEOUT_MS ?? 10_000);

/** Client errors mean the request itself is wrong, except timeouts and rate limits. */
const retryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

/** POSTs the notification as JSON. The Idempotency-Key lets a receiver drop a resend after a crash. */
@Injectable()
export class WebhookChannel {
  async send(notification: PendingNotification): Promise<SendResult> {
    let response: Response;
    try {
      response = await fetch(notification.address!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': notification.id },
        body: JSON.stringify({
          notificationId: notification.id,
          tenantId: notification.tenant_id,
          eventId: notification.event_id,
          eventType: notification.event_type,
          recipientId: notification.recipient_id,
          subject: notification.subject,
          body: notification.body,
          entityType: notification.entity_type,
          entityId: notification.entity_id,
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new DeliveryError(`webhook unreachable: ${(error as Error).message}`, true, 'network');
    }
    await response.body?.cancel();
    if (!response.ok) throw new DeliveryError(`webhook answered HTTP ${response.status}`, retryableStatus(response.status), `http_${response.status}`);
    return { status: 'delivered', providerMessageId: response.headers.get('x-request-id') };
  }
}
