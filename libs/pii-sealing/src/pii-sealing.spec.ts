import { randomBytes, randomUUID } from 'node:crypto';
import { findEvent, loadCatalog } from '@eventline/contracts';
import type { DataKey, DataKeyId, SubjectKeyStore } from '@eventline/subject-keys';
import { Erased } from './erased';
import { PiiOpener } from './pii-opener';
import { PiiSealer } from './pii-sealer';

/** Pure logic under test: the real store is PgSubjectKeyStore (libs/subject-keys, tested against PostgreSQL). */
class MemoryKeys implements SubjectKeyStore {
  private readonly keys = new Map<string, { key: Buffer; erased: boolean }>();
  lookups = 0;
  async keyFor(tenantId: string, subject: string): Promise<DataKey> {
    this.lookups++;
    const ref = `${tenantId}/${subject}`;
    if (!this.keys.has(ref) || this.keys.get(ref)!.erased) this.keys.set(ref, { key: randomBytes(32), erased: false });
    return { ref, generation: 1, key: this.keys.get(ref)!.key };
  }
  async find(_tenantId: string, id: DataKeyId): Promise<Buffer | 'erased'> {
    const entry = this.keys.get(id.ref)!;
    return entry.erased ? 'erased' : entry.key;
  }
  async countLive(tenantId: string, subject: string): Promise<number> {
    return this.keys.get(this.subjectRef(tenantId, subject))?.erased === false ? 1 : 0;
  }
  subjectRef(tenantId: string, subject: string): string {
    return `${tenantId}/${subject}`;
  }
  async erase(tenantId: string, subject: string): Promise<number> {
    this.keys.get(`${tenantId}/${subject}`)!.erased = true;
    return 1;
  }
}

const contract = findEvent(loadCatalog(), 'user.registered')!;
const registered = (userId: string, email: string, displayName: string | null) => ({
  event_id: randomUUID(),
  tenant_id: 'tenant-a',
  actor: { id: 'system', type: 'system' },
  payload: { user_id: userId, email, display_name: displayName, registration_method: 'password', auth_provider: null, invited_by_user_id: null, email_verified: false, registered_at: 0 },
});

describe('PiiSealer and PiiOpener', () => {
  it('seals each pii field under its pii_subject, leaving placeholders, and opens them back', async () => {
    const keys = new MemoryKeys();
    const envelope: Record<string, any> = registered('u-1', 'ana@example.com', 'Ana');
    await new PiiSealer(keys).sealAll([{ envelope, contract }]);
    expect(envelope.payload).toMatchObject({ user_id: 'u-1', email: '', display_name: null });
    expect(envelope.pii_sealed).toEqual([{ subject_ref: 'tenant-a/u-1', generation: 1, fields: ['email', 'display_name'], sealed: expect.any(String) }]);
    expect(JSON.stringify(envelope)).not.toMatch(/ana@example\.com|"Ana"/);

    await new PiiOpener(keys).open(envelope);
    expect(envelope.payload).toMatchObject({ email: 'ana@example.com', display_name: 'Ana' });
  });

  it('shows an erased subject’s fields as Erased and leaves another subject’s intact', async () => {
    const keys = new MemoryKeys();
    const ana: Record<string, any> = registered('u-1', 'ana@example.com', 'Ana');
    const bo: Record<string, any> = registered('u-2', 'bo@example.com', null);
    await new PiiSealer(keys).sealAll([
      { envelope: ana, contract },
      { envelope: bo, contract },
    ]);
    await keys.erase('tenant-a', 'u-1');
    const opener = new PiiOpener(keys);
    await opener.open(ana);
    await opener.open(bo);
    expect(ana.payload.email).toEqual(new Erased('tenant-a/u-1'));
    expect(ana.payload.display_name).toBeInstanceOf(Erased);
    expect(JSON.parse(JSON.stringify(ana.payload.email))).toEqual({ erased: true, subject_ref: 'tenant-a/u-1' });
    expect(bo.payload).toMatchObject({ email: 'bo@example.com', display_name: null });
  });

  it('looks a subject’s key up once per batch, and refuses a blob moved to another event', async () => {
    const keys = new MemoryKeys();
    const events = [registered('u-1', 'a@x.io', null), registered('u-1', 'b@x.io', null)] as Array<Record<string, any>>;
    await new PiiSealer(keys).sealAll(events.map((envelope) => ({ envelope, contract })));
    expect(keys.lookups).toBe(1);
    events[1].pii_sealed = events[0].pii_sealed;
    await expect(new PiiOpener(keys).open(events[1])).rejects.toThrow(/does not authenticate/);
  });

  it('names a pii value whose subject is empty, before any key is made', () => {
    const envelope = registered('', 'ana@example.com', null);
    expect(new PiiSealer(new MemoryKeys()).check(envelope, contract)).toEqual([{ path: 'payload.email', reason: 'its data subject (pii_subject "user_id") is empty, so it cannot be encrypted' }]);
  });

  it('leaves an event without personal data untouched', async () => {
    const envelope: Record<string, any> = registered('u-3', '', null);
    await new PiiSealer(new MemoryKeys()).sealAll([{ envelope, contract }]);
    expect(envelope.pii_sealed).toBeUndefined();
  });
});
