import { loadNotificationRules } from './load-rules';
import type { NotificationRules } from './rule';

export type { Channel, NotificationRule, NotificationRules, RecipientSource, Template } from './rule';
export { CHANNELS } from './rule';
export { DEFAULT_RULES_DIR, NotificationRulesError, loadNotificationRules, notificationEventTypes } from './load-rules';
export { renderTemplate } from './render';
export { readPath, resolveRecipients } from './resolve-recipients';
export type { Recipient } from './resolve-recipients';

let loaded: NotificationRules | undefined;

/** The rules of NOTIFICATION_RULES_DIR (else the shipped ones), loaded and checked once for the process. */
export function processNotificationRules(): NotificationRules {
  loaded ??= loadNotificationRules();
  return loaded;
}
