import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { migrate } from '@eventline/persistence';
import { appDatabaseUrl, loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { MasterKey } from './master-key';
import { PgSubjectKeyStore } from './pg-subject-key-store';
import { open, seal } from './sealed';
import { UnknownDataKeyError } from './subject-key-store';

describe('PgSubjectKeyStore (a scratch database, migrated; the gateway’s own role)', () => {
  let scratch: ScratchDatabase;
  let owner: Pool;
  let gateway: Pool;
  let store: PgSubjectKeyStore;
  const master = MasterKey.fromBytes(randomBytes(32));
  const tenant = 'tenant-keys';

  beforeAll(async () => {
    scratch = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(scratch.url);
    owner = new Pool({ connectionString: scratch.url });
    gateway = new Pool({ connectionString: appDatabaseUrl('ingest-gateway', scratch.url, {}) });
    // No cache here, so each step reads what the other store wrote; the cache has a test of its own.
    store = new PgSubjectKeyStore(gateway, master, { cacheMs: 0 });
  });

  afterAll(async () => {
    await gateway?.end();
    await owner?.end();
    await scratch?.drop();
  });

  it('makes one key per subject on first use and returns it after, even when made concurrently', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => store.keyFor(tenant, 'ana@example.com')));
    expect(new Set(keys.map((key) => key.key.toString('hex'))).size).toBe(1);
    expect(keys[0]).toMatchObject({ generation: 1, ref: master.subjectRef(tenant, 'ana@example.com') });
    expect((await store.keyFor(tenant, 'ana@example.com')).key.equals(keys[0].key)).toBe(true);
    expect((await store.keyFor(tenant, 'bo@example.com')).key.equals(keys[0].key)).toBe(false);
    expect(((await store.find(tenant, keys[0])) as Buffer).equals(keys[0].key)).toBe(true);
  });

  it('stores keys wrapped and subjects hashed: the table holds neither the key nor the subject', async () => {
    const key = await store.keyFor(tenant, 'cy@example.com');
    const { rows } = await owner.query<{ row: string }>('SELECT subject_keys::text AS row FROM subject_keys');
    const table = rows.map((r) => r.row).join('\n');
    expect(table).not.toContain('cy@example.com');
    expect(table).not.toContain(key.key.toString('hex'));
  });

  it('erases a subject: what was sealed cannot be opened, and the subject gets a new generation', async () => {
    const before = await store.keyFor(tenant, 'dee@example.com');
    const sealed = seal(before.key, Buffer.from('Dee Doe'), 'payload');
    const eraser = new PgSubjectKeyStore(owner, master);
    expect(await eraser.countLive(tenant, 'dee@example.com')).toBe(1);
    expect(await eraser.erase(tenant, 'dee@example.com')).toBe(1);
    expect(await eraser.countLive(tenant, 'dee@example.com')).toBe(0);
    expect(await eraser.erase(tenant, 'dee@example.com')).toBe(0);
    expect(await store.find(tenant, before)).toBe('erased');
    const { rows } = await owner.query('SELECT length(wrapped_key) AS bytes, erased_at IS NOT NULL AS erased FROM subject_keys WHERE subject_ref = $1', [before.ref]);
    expect(rows).toEqual([{ bytes: 0, erased: true }]);
    const after = await store.keyFor(tenant, 'dee@example.com');
    expect(after.generation).toBe(2);
    expect(() => open(after.key, sealed, 'payload')).toThrow(/does not authenticate/);
  });

  it('keeps keys for cacheMs: an erasure made by another process takes effect here once they expire', async () => {
    const cached = new PgSubjectKeyStore(gateway, master, { cacheMs: 300 });
    const first = await cached.keyFor(tenant, 'gil@example.com');
    expect(await cached.find(tenant, first)).toEqual(first.key);
    await new PgSubjectKeyStore(owner, master).erase(tenant, 'gil@example.com');
    expect((await cached.keyFor(tenant, 'gil@example.com')).generation).toBe(1);
    expect(await cached.find(tenant, first)).toEqual(first.key);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await cached.find(tenant, first)).toBe('erased');
    expect((await cached.keyFor(tenant, 'gil@example.com')).generation).toBe(2);
  });

  it('does not unwrap with another master key, and names an id it never made', async () => {
    const key = await store.keyFor(tenant, 'eve@example.com');
    await expect(new PgSubjectKeyStore(gateway, MasterKey.fromBytes(randomBytes(32))).find(tenant, key)).rejects.toThrow(/does not authenticate/);
    await expect(store.find(tenant, { ref: key.ref, generation: 9 })).rejects.toThrow(UnknownDataKeyError);
  });

  it('gives the gateway no way to erase or rewrite keys: UPDATE and DELETE are refused to its role', async () => {
    await expect(gateway.query("UPDATE subject_keys SET wrapped_key = ''::bytea")).rejects.toMatchObject({ code: '42501' });
    await expect(gateway.query('DELETE FROM subject_keys')).rejects.toMatchObject({ code: '42501' });
  });

  it('comes back from a backup after the key table is lost (the README’s pg_dump and psql commands)', async () => {
    const key = await store.keyFor(tenant, 'fay@example.com');
    const sealed = seal(key.key, Buffer.from('Fay'), 'payload');
    const backup = join(mkdtempSync(join(tmpdir(), 'subject-keys-')), 'subject-keys.sql');
    execFileSync('pg_dump', ['--dbname', scratch.url, '--table', 'subject_keys', '--file', backup]);

    await owner.query('DROP TABLE subject_keys');
    await expect(store.find(tenant, key)).rejects.toMatchObject({ code: '42P01' });

    execFileSync('psql', ['--dbname', scratch.url, '--quiet', '--set', 'ON_ERROR_STOP=1', '--file', backup]);
    const restored = (await store.find(tenant, key)) as Buffer;
    expect(open(restored, sealed, 'payload').toString()).toBe('Fay');
    await expect(gateway.query('SELECT count(*) FROM subject_keys')).resolves.toBeDefined();
  });
});
