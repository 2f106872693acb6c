import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { ApiKeyStore } from './api-key-store';
import { hashKey } from './key-material';
import { createPool } from '@eventline/persistence';

describe('ApiKeyStore against the real PostgreSQL', () => {
  const pool = createPool({ applicationName: 'api-keys-test', connectionString: loadStackEndpoints().databaseUrl, max: 2 });
  const store = new ApiKeyStore(pool);
  afterAll(() => pool.end());

  const create = () => store.create({ name: uniqueName('store-test'), tenantIds: ['acme', '*'], eventTypes: ['TICKET_*'] });

  it('returns the plaintext key once and stores only its hash and prefix', async () => {
    const { key, plaintext } = await create();
    expect(plaintext).toMatch(/^evl_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ keyPrefix: plaintext.slice(0, 12), tenantIds: ['acme', '*'], eventTypes: ['TICKET_*'], revokedAt: null });
    const { rows } = await pool.query('SELECT key_hash FROM api_keys WHERE id = $1', [key.id]);
    expect(rows).toEqual([{ key_hash: hashKey(plaintext) }]);
    expect(JSON.stringify(rows)).not.toContain(plaintext);
  });

  it('finds a key by the key presented, and nothing for an unknown key', async () => {
    const { key, plaintext } = await create();
    expect(await store.findByPresentedKey(plaintext)).toEqual(key);
    expect(await store.findByPresentedKey(`${plaintext}x`)).toBeUndefined();
    expect(await store.findByPresentedKey('')).toBeUndefined();
  });

  it('stops finding a key once it is revoked, and keeps it listed as revoked', async () => {
    const { key, plaintext } = await create();
    expect(await store.revoke(key.id)).toBe('revoked');
    expect(await store.findByPresentedKey(plaintext)).toBeUndefined();
    expect(await store.revoke(key.id)).toBe('already_revoked');
    const listed = (await store.list()).find((k) => k.id === key.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
  });

  it('says not_found for an id it does not know, including one that is not a uuid', async () => {
    expect(await store.revoke('00000000-0000-4000-8000-000000000000')).toBe('not_found');
    expect(await store.revoke('not-a-uuid')).toBe('not_found');
  });

  it('gives every key a different value and hash', async () => {
    const [a, b] = await Promise.all([create(), create()]);
    expect(a.plaintext).not.toBe(b.plaintext);
    expect(a.key.keyPrefix).not.toBe(b.key.keyPrefix);
  });
});
