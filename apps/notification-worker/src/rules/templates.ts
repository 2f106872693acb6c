import type { Template } from './rule';

/**
 * Handlebars templates, plain text (rendered without HTML escaping). Each sees `payload` (the
 * event's payload), `event` (envelope fields such as entity_id) and `recipientId`; `{{date x}}`
 * formats a timestamp-millis field.
 */
export const TEMPLATES: Record<string, Template> = {
  'ticket-assigned': { subject: 'Ticket {{payload.ticketId}} was assigned to you', body: 'Ticket {{payload.ticketId}} was assigned to you by {{payload.actorUserId}} at {{date payload.assignedAt}}.' },
  'ticket-customer-replied': { subject: 'Customer replied on ticket {{payload.ticketId}}', body: 'Contact {{payload.contactId}} replied on ticket {{payload.ticketId}} via {{payload.channel}} at {{date payload.receivedAt}}.' },
  'ticket-sla-breached': { subject: 'SLA {{payload.stage}} breached on ticket {{payload.ticketId}}', body: 'Ticket {{payload.ticketId}} breached its {{payload.stage}} target ({{date payload.targetAt}}) by {{payload.overdueBySeconds}} seconds.' },

  'appointment-created': { subject: 'New appointment {{payload.appointmentId}}', body: 'Appointment {{payload.appointmentId}} is scheduled from {{date payload.startAt}} to {{date payload.endAt}} ({{payload.timezone}}).' },
  'appointment-assigned': { subject: 'Appointment {{payload.appointmentId}} was assigned to you', body: 'Appointment {{payload.appointmentId}} was assigned to you by {{payload.actorUserId}}.' },
  'appointment-rescheduled': { subject: 'Appointment {{payload.appointmentId}} was rescheduled', body: 'Appointment {{payload.appointmentId}} moved to {{date payload.newStartAt}} – {{date payload.newEndAt}} ({{payload.timezone}}).{{#if payload.reason}} Reason: {{payload.reason}}{{/if}}' },
  'appointment-canceled': { subject: 'Appointment {{payload.appointmentId}} was canceled', body: 'Appointment {{payload.appointmentId}} was canceled by {{payload.actorUserId}}.{{#if payload.reason}} Reason: {{payload.reason}}{{/if}}' },
  'appointment-completed': { subject: 'Appointment {{payload.appointmentId}} was completed', body: 'Appointment {{payload.appointmentId}} was completed at {{date payload.completedAt}}.' },
  'appointment-no-show': { subject: 'No-show on appointment {{payload.appointmentId}}', body: 'The {{payload.party}} did not show up for appointment {{payload.appointmentId}}.' },

  'invoice-overdue': { subject: 'Invoice {{payload.invoiceId}} is {{payload.daysOverdue}} days overdue', body: 'Invoice {{payload.invoiceId}} was due on {{payload.dueDate}}; {{payload.amountDue}} {{payload.currency}} remain unpaid.' },
  'payment-failed': { subject: 'A payment of {{payload.amount}} {{payload.currency}} failed', body: 'The {{payload.method}} payment{{#if payload.invoiceId}} for invoice {{payload.invoiceId}}{{/if}} failed at {{date payload.failedAt}}.' },
  'contract-renewal-upcoming': { subject: 'Contract {{payload.contractId}} renews in {{payload.daysUntilRenewal}} days', body: 'Contract {{payload.contractId}} of client {{payload.clientId}} renews on {{date payload.renewalAt}}.' },

  'integration-token-expiring': { subject: 'Your {{payload.provider}} connection expires in {{payload.daysUntilExpiry}} days', body: 'Reconnect {{payload.provider}} (connection {{payload.connectionId}}) before {{date payload.expiresAt}} to keep it working.' },
  'document-signature-requested': { subject: 'Please sign document {{payload.documentId}}', body: 'You were asked to sign document {{payload.documentId}}{{#if payload.expiresAt}} before {{date payload.expiresAt}}{{/if}}.' },

  'tutor-booking-requested': { subject: 'New booking request', body: 'A learner requested a session from {{date payload.starts_at}} to {{date payload.ends_at}}{{#if payload.subject}} about {{payload.subject}}{{/if}}.' },
  'tutor-booking-confirmed': { subject: 'Your booking is confirmed', body: 'Your session from {{date payload.starts_at}} to {{date payload.ends_at}} is confirmed.' },
  'tutor-booking-cancelled': { subject: 'A booking was cancelled', body: 'The session from {{date payload.starts_at}} was cancelled by the {{payload.cancelled_by_role}}.{{#if payload.reason}} Reason: {{payload.reason}}{{/if}}' },
  'live-classroom-scheduled': { subject: 'Live class scheduled: {{payload.title}}', body: '"{{payload.title}}" starts at {{date payload.starts_at}} and ends at {{date payload.ends_at}}.' },

  'community-reminder-scheduled': { subject: 'Reminder set', body: 'We will remind you {{payload.offset_minutes}} minutes before the event, at {{date payload.scheduled_for}}.' },
  'community-reminder-sent': { subject: 'Event reminder', body: 'Your community event is coming up ({{date payload.scheduled_for}}).' },
  'community-reminder-failed': { subject: 'An event reminder could not be sent', body: 'Reminder {{payload.reminder_id}} to {{payload.recipient_id}} via {{payload.channel}} failed: {{payload.error_code}} (attempt {{payload.attempt}}).' },

  'dm-message-created': { subject: 'New message from {{payload.sender_id}}', body: 'You have a new direct message from {{payload.sender_id}}.' },
  'social-follow-requested': { subject: '{{payload.follower_id}} wants to follow you', body: '{{payload.follower_id}} asked to follow you.' },

  'user-approved': { subject: 'Your account was approved', body: 'Welcome! Your account was approved at {{date payload.approved_at}}.' },
  'user-rejected': { subject: 'Your account request was not approved', body: 'Your account request was not approved.{{#if payload.reason}} Reason: {{payload.reason}}{{/if}}' },

  'schedule-failed': { subject: 'Schedule {{event.entity_id}} failed', body: 'Schedule {{event.entity_id}} failed after {{payload.attempt_count}} attempt(s): {{payload.error}}.{{#if payload.will_retry}} It will be retried.{{/if}}' },
  'channel-error': { subject: '{{payload.platform}} channel error: {{payload.error_type}}', body: 'The {{payload.platform}} channel {{event.entity_id}} reported {{payload.error_type}}.{{#if payload.error_message}} {{payload.error_message}}{{/if}}' },
};
