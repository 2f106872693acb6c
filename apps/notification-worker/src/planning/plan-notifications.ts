import type { ClientBase } from 'pg';
import { envelopeRecord, type DecodedEvent } from '@eventline/consumer-runtime';
import type { SealedPii } from '@eventline/pii-sealing';
import { processNotificationRules, renderTemplate, resolveRecipients, type Channel, type NotificationRule, type NotificationRules, type Recipient } from '../rules';
import { loadDirectory, type Directory } from './directory';
import type { PlannedNotification } from './planned-notification';

interface Match {
  event: DecodedEvent;
  rule: NotificationRule;
  recipient: Recipient;
}

/**
 * Every (event, rule, recipient) of the batch, then one directory read, then the rows to insert.
 * The rules default to the process's (NOTIFICATION_RULES_DIR, else the shipped config/rules).
 */
export async function planNotifications(tx: ClientBase, events: DecodedEvent[], rules: NotificationRules = processNotificationRules()): Promise<PlannedNotification[]> {
  const matches: Match[] = events.flatMap((event) =>
    rules.rulesFor(event.eventType).flatMap((rule) => resolveRecipients(rule.recipients, envelopeRecord(event)).map((recipient) => ({ event, rule, recipient }))),
  );
  if (matches.length === 0) return [];
  const directory = await loadDirectory(
    tx,
    matches.map((m) => ({ tenantId: m.event.tenantId, recipientId: m.recipient.recipientId })),
    matches.filter((m) => m.recipient.email).map((m) => ({ tenantId: m.event.tenantId, address: m.recipient.email! })),
  );
  return matches.flatMap((match) => match.rule.channels.flatMap((channel) => planOne(match, channel, directory, rules) ?? []));
}

function planOne({ event, rule, recipient }: Match, channel: Channel, directory: Directory, rules: NotificationRules): PlannedNotification | undefined {
  const tenantId = event.tenantId;
  if (directory.channelDisabled(tenantId, recipient.recipientId, channel)) return undefined;
  const contact = directory.contact(tenantId, recipient.recipientId);
  const address = channel === 'email' ? (recipient.email ?? contact?.email ?? null) : channel === 'webhook' ? (contact?.webhookUrl ?? null) : null;
  // Nowhere to send it: only in_app needs no address.
  if (channel !== 'in_app' && !address) return undefined;
  const envelope = envelopeRecord(event);
  const rendered = renderTemplate(rules.templateFor(rule), {
    payload: envelope.payload ?? {},
    event: envelope,
    recipientId: recipient.recipientId,
  });
  return {
    tenantId,
    eventId: event.eventId,
    eventType: event.eventType,
    recipientId: recipient.recipientId,
    channel,
    address,
    templateId: rule.templateId,
    entityType: typeof envelope.entity_type === 'string' ? envelope.entity_type : null,
    entityId: typeof envelope.entity_id === 'string' ? envelope.entity_id : null,
    ...rendered,
    status: channel === 'email' && directory.suppressed(tenantId, address!) ? 'suppressed' : 'pending',
    subjectRefs: sealedSubjects(envelope),
  };
}

function sealedSubjects(envelope: Record<string, unknown>): string[] {
  const sealed = (envelope.pii_sealed ?? null) as SealedPii[] | null;
  return [...new Set((sealed ?? []).map((entry) => entry.subject_ref))];
}
