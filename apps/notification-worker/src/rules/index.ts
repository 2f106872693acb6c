import type { NotificationRule } from './rule';
import { RULES } from './rules';
import { TEMPLATES } from './templates';

export type { Channel, NotificationRule, RecipientSource, Template } from './rule';
export { CHANNELS } from './rule';
export { RULES } from './rules';
export { TEMPLATES } from './templates';
export { renderTemplate } from './render';
export { readPath, resolveRecipients } from './resolve-recipients';
export type { Recipient } from './resolve-recipients';

const byEventType = new Map<string, NotificationRule[]>();
for (const rule of RULES) byEventType.set(rule.eventType, [...(byEventType.get(rule.eventType) ?? []), rule]);

export function rulesFor(eventType: string): NotificationRule[] {
  return byEventType.get(eventType) ?? [];
}

export function templateFor(rule: NotificationRule) {
  const template = TEMPLATES[rule.templateId];
  if (!template) throw new Error(`rule for ${rule.eventType} names unknown template "${rule.templateId}"`);
  return template;
}
