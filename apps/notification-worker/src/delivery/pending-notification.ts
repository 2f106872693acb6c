/** A notifications row claimed for delivery. */
export interface PendingNotification {
  id: string;
  tenant_id: string;
  event_id: string;
  event_type: string;
  recipient_id: string;
  channel: 'in_app' | 'email' | 'webhook';
  address: string | null;
  template_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  subject: string;
  body: string;
  attempts: number;
}

/** What a channel reports back: 'sent' once handed over (SMTP), 'delivered' once the receiver has it. */
export interface SendResult {
  status: 'sent' | 'delivered';
  providerMessageId: string | null;
}
