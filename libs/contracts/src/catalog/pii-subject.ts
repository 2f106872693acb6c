import type { AvroSchema } from './types';

/** Whose personal data a `"pii"` field holds, when its contract does not say: the actor. */
export const DEFAULT_PII_SUBJECT = 'actor.id';

/**
 * Where a `"pii_subject"` reads its value: an envelope path (`actor.id`, `entity_id`) when its
 * first segment is an envelope field, else a top-level payload field. Returns the path within the
 * envelope (`payload.user_id` for a payload field), or the reason it names nothing usable.
 */
export function resolvePiiSubject(envelope: AvroSchema, payload: AvroSchema, subject: string): { path: string[] } | { problem: string } {
  const segments = subject.split('.');
  const inEnvelope = fieldOf(envelope, segments[0]);
  const path = inEnvelope ? segments : ['payload', ...segments];
  let type: unknown = inEnvelope ? inEnvelope.type : fieldOf(payload, segments[0])?.type;
  if (type === undefined) return { problem: `names no envelope or payload field ("${segments[0]}")` };
  for (const segment of segments.slice(1)) {
    const field = isRecord(type) ? fieldOf(type as AvroSchema, segment) : undefined;
    if (!field) return { problem: `has no field "${segment}" where it points` };
    type = field.type;
  }
  if (!isStringType(type)) return { problem: 'must point at a string field (the subject is an id)' };
  return { path };
}

function fieldOf(record: AvroSchema, name: string): AvroSchema | undefined {
  return ((record.fields as AvroSchema[] | undefined) ?? []).find((field) => field.name === name);
}

function isRecord(type: unknown): boolean {
  return type !== null && typeof type === 'object' && !Array.isArray(type) && (type as AvroSchema).type === 'record';
}

function isStringType(type: unknown): boolean {
  if (type === 'string') return true;
  if (Array.isArray(type)) return type.length === 2 && type[0] === 'null' && isStringType(type[1]);
  return type !== null && typeof type === 'object' && (type as AvroSchema).type === 'string';
}
