import { isErased } from '@eventline/pii-sealing';
import type { RecipientSource } from './rule';

/** A person (or role) to notify: by directory id, or directly by email address. */
export interface Recipient {
  recipientId: string;
  email?: string;
}

/** Reads `a.b`, `list[].field` and arrays of ids; missing, null and erased values give nothing. */
export function readPath(value: unknown, path: string): string[] {
  const [head, ...rest] = path.split('.');
  const isList = head.endsWith('[]');
  const key = isList ? head.slice(0, -2) : head;
  const next = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (next === null || next === undefined || isErased(next)) return [];
  const items = (Array.isArray(next) ? next : [next]).filter((item) => !isErased(item));
  if (rest.length === 0) return items.filter((item) => item !== null && item !== undefined && item !== '').map(String);
  return items.flatMap((item) => readPath(item, rest.join('.')));
}

/** The distinct recipients of one event under one rule, in rule order. */
export function resolveRecipients(sources: RecipientSource[], envelope: Record<string, unknown>): Recipient[] {
  const payload = (envelope.payload ?? {}) as Record<string, unknown>;
  const found = sources.flatMap((source): Recipient[] => {
    if ('role' in source) return [{ recipientId: `role:${source.role}` }];
    if ('envelope' in source) return readPath(envelope, source.envelope).map((recipientId) => ({ recipientId }));
    return readPath(payload, source.path).map((value) => (source.isEmail ? { recipientId: value.toLowerCase(), email: value } : { recipientId: value }));
  });
  const seen = new Set<string>();
  return found.filter((r) => !seen.has(r.recipientId) && seen.add(r.recipientId));
}
