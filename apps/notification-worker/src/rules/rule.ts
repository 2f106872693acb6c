export const CHANNELS = ['in_app', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ENVELOPE_RECIPIENT_FIELDS = ['entity_id', 'actor.id'] as const;

/**
 * Who a rule notifies:
 * - `path`: a payload field holding a recipient id, or an array of them; `list[].field` reads a
 *   field of every element. With `isEmail` the value is the address itself (external people who
 *   are not in the directory, such as document signers).
 * - `envelope`: an envelope field (USER_APPROVED is about the user in entity_id).
 * - `role`: a fixed recipient `role:<name>`, reached through the directory like anyone else.
 */
export type RecipientSource = { path: string; isEmail?: boolean } | { envelope: (typeof ENVELOPE_RECIPIENT_FIELDS)[number] } | { role: string };

/** One row of the rules table: which event notifies whom, on which channels, with which template. */
export interface NotificationRule {
  eventType: string;
  recipients: RecipientSource[];
  channels: Channel[];
  templateId: string;
}

export interface Template {
  subject: string;
  body: string;
}

/** The validated rules and templates of a rules folder, indexed for the batch. */
export interface NotificationRules {
  readonly rules: readonly NotificationRule[];
  readonly templates: Readonly<Record<string, Template>>;
  /** The rules of one event type, in file order; none for an event no rule names. */
  rulesFor(eventType: string): readonly NotificationRule[];
  templateFor(rule: NotificationRule): Template;
}
