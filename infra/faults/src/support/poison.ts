import { randomBytes, randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '@eventline/kafka-port';
import type { Publisher, UntypedEventInput } from '@eventline/publisher';
import { toWireFormat } from '@eventline/schema-registry';

/** The kinds of poison a projector meets, and the dead-letter error class each must carry. */
export const POISON_KINDS = {
  'random-bytes': 'UndecodableMessageError',
  'unknown-schema': 'UnknownSchemaError',
  'truncated-avro': 'UndecodableMessageError',
  'refused-by-database': 'DatabaseError',
  'rejected-by-handler': 'RejectedEventError',
} as const;

export type PoisonKind = keyof typeof POISON_KINDS;

export interface Poison {
  id: string;
  kind: PoisonKind;
  topic: string;
  message: OutgoingMessage;
}

/** Marks each poison message, so its dead letter can be found among everyone else's. */
export const POISON_HEADER = 'fault-poison-id';

/**
 * One poison message of the given kind, built from a valid event so it travels like one: same
 * topic, same key (but for the miskeyed one). The database refuses a NUL in text; Avro allows it
 * and so does a producer that does not use the SDK, whose edge refuses it: that one's bytes are
 * the SDK's with one character of entity_id turned into NUL.
 */
export async function poison(publisher: Publisher, kind: PoisonKind, valid: UntypedEventInput): Promise<Poison> {
  const id = randomUUID();
  const marked = `T-~-${id}`;
  const input = kind === 'refused-by-database' ? { ...valid, entity_id: marked } : valid;
  const [prepared] = await publisher.prepareAll([input]);
  const { topic } = prepared;
  const headers = { ...prepared.message.headers, [POISON_HEADER]: id };
  const key = kind === 'rejected-by-handler' ? `${prepared.tenantId}-miskeyed` : prepared.message.key;
  const value = prepared.message.value as Buffer;
  const bytes: Record<PoisonKind, () => Buffer> = {
    'random-bytes': () => Buffer.concat([Buffer.from([0x7b]), randomBytes(40)]),
    'unknown-schema': () => toWireFormat(2_000_000_000, randomBytes(30)),
    'truncated-avro': () => value.subarray(0, 12),
    'refused-by-database': () => withNul(value, marked),
    'rejected-by-handler': () => value,
  };
  return { id, kind, topic, message: { key, value: bytes[kind](), headers } };
}

/** The Avro bytes with the `~` of `marked` (one byte, so every length prefix stays right) replaced by NUL. */
function withNul(value: Uint8Array, marked: string): Buffer {
  const bytes = Buffer.from(value);
  const at = bytes.indexOf(marked);
  if (at < 0) throw new Error(`the encoded event does not hold "${marked}"`);
  bytes[at + marked.indexOf('~')] = 0;
  return bytes;
}
