import type { UntypedEventInput } from '@eventline/publisher';
import type { DeliveryError } from './delivery-error';
import type { PendingNotification, SendResult } from './pending-notification';

/** Envelope shared by the NOTIFICATION_* events: the notification is the entity, caused by the source event. */
const base = (n: PendingNotification) => ({
  tenant_id: n.tenant_id,
  entity_id: n.id,
  causation_id: n.event_id,
  actor: { id: 'notification-worker', type: 'system' as const },
});

export function sentEvents(n: PendingNotification, result: SendResult, at: number): UntypedEventInput[] {
  const sent: UntypedEventInput = {
    ...base(n),
    event_type: 'NOTIFICATION_SENT',
    payload: { notificationId: n.id, channel: n.channel, recipientId: n.recipient_id, sentAt: at, templateId: n.template_id, contextType: n.entity_type, contextId: n.entity_id },
  };
  if (result.status !== 'delivered') return [sent];
  const delivered: UntypedEventInput = {
    ...base(n),
    event_type: 'NOTIFICATION_DELIVERED',
    payload: { notificationId: n.id, channel: n.channel, recipientId: n.recipient_id, deliveredAt: at, providerMessageId: result.providerMessageId },
  };
  return [sent, delivered];
}

export function failedEvent(n: PendingNotification, error: DeliveryError, at: number): UntypedEventInput {
  return {
    ...base(n),
    event_type: 'NOTIFICATION_FAILED',
    payload: { notificationId: n.id, channel: n.channel, recipientId: n.recipient_id, failedAt: at, errorCode: error.code, errorMessage: error.message, retryable: error.retryable },
  };
}
