import { resolvePiiSubject, type AvroSchema, type EventContract } from '@eventline/contracts';
import { seal, type DataKey, type SubjectKeyStore } from '@eventline/subject-keys';
import { collectPii, setAt, type PiiValue } from './pii-paths';
import { sealContext, type SealedPii } from './sealed-pii';

type Envelope = Record<string, unknown>;

/** A subject the sealer could not read from the event. */
export interface SubjectProblem {
  path: string;
  reason: string;
}

/**
 * Seals an event's personal data at publish: the values of its `"pii"` fields, grouped by data
 * subject, are encrypted with that subject's key into `pii_sealed`, and the fields keep only a
 * placeholder. What leaves the process then holds no personal data in clear.
 */
export class PiiSealer {
  constructor(private readonly keys: SubjectKeyStore) {}

  /** Without I/O: each pii value's subject must be a non-empty string, else the event cannot be sealed. */
  check(envelope: Envelope, contract: EventContract): SubjectProblem[] {
    return collectPii(contract.payloadSchema, envelope.payload)
      .filter((value) => subjectOf(envelope, contract, value.subject) === undefined)
      .map((value) => ({ path: `payload.${value.path}`, reason: `its data subject (pii_subject "${value.subject}") is empty, so it cannot be encrypted` }));
  }

  /** Seals every event of a batch; a subject's key is looked up once per batch. */
  async sealAll(events: Array<{ envelope: Envelope; contract: EventContract }>): Promise<void> {
    const keys = new Map<string, Promise<DataKey>>();
    const keyFor = (tenantId: string, subject: string) => {
      const id = `${tenantId}\0${subject}`;
      let key = keys.get(id);
      if (!key) keys.set(id, (key = this.keys.keyFor(tenantId, subject)));
      return key;
    };
    await Promise.all(events.map(({ envelope, contract }) => this.seal(envelope, contract, keyFor)));
  }

  private async seal(envelope: Envelope, contract: EventContract, keyFor: (tenantId: string, subject: string) => Promise<DataKey>): Promise<void> {
    const values = collectPii(contract.payloadSchema, envelope.payload);
    if (values.length === 0) return;
    const bySubject = new Map<string, PiiValue[]>();
    for (const value of values) {
      const subject = subjectOf(envelope, contract, value.subject)!;
      const group = bySubject.get(subject);
      if (group) group.push(value);
      else bySubject.set(subject, [value]);
    }
    const tenantId = String(envelope.tenant_id);
    const sealed: SealedPii[] = [];
    for (const [subject, subjectValues] of bySubject) {
      const key = await keyFor(tenantId, subject);
      const entry = { subject_ref: key.ref, generation: key.generation };
      const plaintext = Buffer.from(JSON.stringify(Object.fromEntries(subjectValues.map((v) => [v.path, v.value]))));
      sealed.push({ ...entry, fields: subjectValues.map((v) => v.path), sealed: seal(key.key, plaintext, sealContext(String(envelope.event_id), entry)).toString('base64') });
    }
    for (const value of values) setAt(envelope.payload as Envelope, value.path, value.placeholder);
    envelope.pii_sealed = sealed;
  }
}

/** The subject's value in the event, or undefined when it is missing or empty. */
function subjectOf(envelope: Envelope, contract: EventContract, subject: string): string | undefined {
  const resolved = resolvePiiSubject(contract.schema as AvroSchema, contract.payloadSchema as AvroSchema, subject);
  if ('problem' in resolved) return undefined;
  let value: unknown = envelope;
  for (const step of resolved.path) value = value !== null && typeof value === 'object' ? (value as Envelope)[step] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
