import type { NotificationRule } from './rule';

/**
 * The notification rules, as data: adding an event is a row here and a template in templates.ts.
 * rules.spec.ts checks every event type and payload path against the catalog.
 */
export const RULES: NotificationRule[] = [
  // Tickets
  { eventType: 'TICKET_ASSIGNED', recipients: [{ path: 'newAssigneeId' }], channels: ['in_app', 'email', 'webhook'], templateId: 'ticket-assigned' },
  // The payload names the customer, not the agent: the support team's shared inbox hears of it.
  { eventType: 'TICKET_CUSTOMER_REPLIED', recipients: [{ role: 'support-team' }], channels: ['in_app', 'email', 'webhook'], templateId: 'ticket-customer-replied' },
  { eventType: 'TICKET_SLA_STAGE_BREACHED', recipients: [{ role: 'support-leads' }], channels: ['in_app', 'email', 'webhook'], templateId: 'ticket-sla-breached' },

  // Appointments: the assignee when the event names one, otherwise the dispatchers.
  { eventType: 'APPOINTMENT_CREATED', recipients: [{ path: 'assigneeId' }], channels: ['in_app', 'email'], templateId: 'appointment-created' },
  { eventType: 'APPOINTMENT_ASSIGNED', recipients: [{ path: 'newAssigneeId' }], channels: ['in_app', 'email'], templateId: 'appointment-assigned' },
  { eventType: 'APPOINTMENT_RESCHEDULED', recipients: [{ role: 'dispatchers' }], channels: ['in_app', 'email'], templateId: 'appointment-rescheduled' },
  { eventType: 'APPOINTMENT_CANCELED', recipients: [{ role: 'dispatchers' }], channels: ['in_app', 'email'], templateId: 'appointment-canceled' },
  { eventType: 'APPOINTMENT_COMPLETED', recipients: [{ role: 'dispatchers' }], channels: ['in_app'], templateId: 'appointment-completed' },
  { eventType: 'APPOINTMENT_NO_SHOW', recipients: [{ role: 'dispatchers' }], channels: ['in_app', 'email'], templateId: 'appointment-no-show' },

  // Billing
  { eventType: 'INVOICE_OVERDUE', recipients: [{ path: 'clientId' }, { role: 'billing' }], channels: ['in_app', 'email'], templateId: 'invoice-overdue' },
  { eventType: 'PAYMENT_FAILED', recipients: [{ path: 'clientId' }, { role: 'billing' }], channels: ['in_app', 'email'], templateId: 'payment-failed' },
  { eventType: 'CONTRACT_RENEWAL_UPCOMING', recipients: [{ role: 'account-managers' }], channels: ['in_app', 'email'], templateId: 'contract-renewal-upcoming' },

  // Integrations and documents
  { eventType: 'INTEGRATION_TOKEN_EXPIRING', recipients: [{ role: 'integration-admins' }], channels: ['in_app', 'email', 'webhook'], templateId: 'integration-token-expiring' },
  { eventType: 'DOCUMENT_SIGNATURE_REQUESTED', recipients: [{ path: 'signers[].email', isEmail: true }], channels: ['email'], templateId: 'document-signature-requested' },

  // Learning
  { eventType: 'tutor.booking.requested', recipients: [{ path: 'tutor_id' }], channels: ['in_app', 'email'], templateId: 'tutor-booking-requested' },
  { eventType: 'tutor.booking.confirmed', recipients: [{ path: 'learner_id' }], channels: ['in_app', 'email'], templateId: 'tutor-booking-confirmed' },
  { eventType: 'tutor.booking.cancelled', recipients: [{ path: 'tutor_id' }, { path: 'learner_id' }], channels: ['in_app', 'email'], templateId: 'tutor-booking-cancelled' },
  { eventType: 'live_classroom.scheduled', recipients: [{ path: 'host_id' }], channels: ['in_app', 'email'], templateId: 'live-classroom-scheduled' },

  // Community reminders: the member hears of the reminder, the community managers of a failure.
  { eventType: 'community.event.reminder.scheduled', recipients: [{ path: 'recipient_id' }], channels: ['in_app'], templateId: 'community-reminder-scheduled' },
  { eventType: 'community.event.reminder.sent', recipients: [{ path: 'recipient_id' }], channels: ['in_app'], templateId: 'community-reminder-sent' },
  { eventType: 'community.event.reminder.failed', recipients: [{ role: 'community-managers' }], channels: ['in_app'], templateId: 'community-reminder-failed' },

  // Messaging and social
  { eventType: 'dm.message.created', recipients: [{ path: 'recipient_ids' }], channels: ['in_app', 'email'], templateId: 'dm-message-created' },
  { eventType: 'social.follow.requested', recipients: [{ path: 'followee_id' }], channels: ['in_app'], templateId: 'social-follow-requested' },

  // Accounts: the user is the event's entity.
  { eventType: 'USER_APPROVED', recipients: [{ envelope: 'entity_id' }], channels: ['in_app', 'email'], templateId: 'user-approved' },
  { eventType: 'USER_REJECTED', recipients: [{ envelope: 'entity_id' }], channels: ['email'], templateId: 'user-rejected' },

  // Operations
  { eventType: 'SCHEDULE_FAILED', recipients: [{ role: 'operations' }], channels: ['in_app', 'email', 'webhook'], templateId: 'schedule-failed' },
  { eventType: 'CHANNEL_ERROR', recipients: [{ role: 'channel-admins' }], channels: ['in_app', 'email', 'webhook'], templateId: 'channel-error' },
];
