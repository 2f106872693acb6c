import type { EventType } from '@eventline/contracts';
import { defineSubscription } from '@eventline/consumer-runtime';
import { notificationEventTypes, processNotificationRules } from './rules';
import { SUPPRESSION_EVENT_TYPES } from './suppressions/record-suppressions';

/** The types the rule files (config/rules/*.yaml) react to; the loader has checked each against the catalog. */
export const NOTIFIED_EVENT_TYPES = notificationEventTypes(processNotificationRules()) as EventType[];

/** Notified events, plus the email events that suppress an address: a rule file change needs no code change. */
export const NOTIFICATION_SUBSCRIPTION = defineSubscription({
  app: 'notification-worker',
  group: 'notification-worker',
  events: [...new Set<EventType>([...SUPPRESSION_EVENT_TYPES, ...NOTIFIED_EVENT_TYPES])],
});
