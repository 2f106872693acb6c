import { open, type SubjectKeyStore } from '@eventline/subject-keys';
import { Erased, Sealed } from './erased';
import { setAt } from './pii-paths';
import { sealContext, type SealedPii } from './sealed-pii';

type Envelope = Record<string, unknown>;

/**
 * Opens what PiiSealer sealed, in place: each subject's fields get their values back, or an
 * Erased marker when the subject's key was destroyed. `pii_sealed` stays, so a copy of the
 * envelope written onward still carries the sealed form.
 */
export class PiiOpener {
  /** `reveal: false` checks erasure only: live subjects' fields show as Sealed, and no value is opened. */
  constructor(
    private readonly keys: SubjectKeyStore,
    private readonly options: { reveal?: boolean } = {},
  ) {}

  async open(envelope: Envelope): Promise<void> {
    const entries = (envelope.pii_sealed ?? null) as SealedPii[] | null;
    if (!entries || entries.length === 0) return;
    const tenantId = String(envelope.tenant_id);
    const payload = envelope.payload as Envelope;
    for (const entry of entries) {
      const key = await this.keys.find(tenantId, { ref: entry.subject_ref, generation: entry.generation });
      if (key === 'erased' || this.options.reveal === false) {
        const marker = key === 'erased' ? new Erased(entry.subject_ref) : new Sealed(entry.subject_ref);
        for (const path of entry.fields) setAt(payload, path, marker);
        continue;
      }
      const values = JSON.parse(open(key, Buffer.from(entry.sealed, 'base64'), sealContext(String(envelope.event_id), entry)).toString('utf8')) as Record<string, unknown>;
      for (const path of entry.fields) setAt(payload, path, values[path]);
    }
  }
}
