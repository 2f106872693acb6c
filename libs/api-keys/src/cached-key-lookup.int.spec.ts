import { setTimeout as sleep } from 'node:timers/promises';
import { createPool } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { ApiKeyStore } from './api-key-store';
import { CachedKeyLookup } from './cached-key-lookup';

describe('CachedKeyLookup over the real PostgreSQL', () => {
  const pool = createPool({ applicationName: 'api-keys-cache-test', connectionString: loadStackEndpoints().databaseUrl, max: 2 });
  const store = new ApiKeyStore(pool);
  afterAll(() => pool.end());

  it('refuses a key revoked elsewhere within the TTL plus a margin', async () => {
    const ttlMs = 500;
    const lookup = new CachedKeyLookup(store, { ttlMs });
    const { key, plaintext } = await store.create({ name: uniqueName('cache-test'), tenantIds: ['*'], eventTypes: ['*'] });
    expect(await lookup.findByPresentedKey(plaintext)).toEqual(key);

    // Another process (the CLI) revokes it: this one only learns of it once its answer expires.
    await new ApiKeyStore(pool).revoke(key.id);
    const revokedAt = Date.now();
    let refusedAfterMs: number | undefined;
    while (Date.now() - revokedAt < ttlMs + 1_000) {
      if ((await lookup.findByPresentedKey(plaintext)) === undefined) {
        refusedAfterMs = Date.now() - revokedAt;
        break;
      }
      await sleep(20);
    }
    expect(refusedAfterMs).toBeDefined();
    expect(refusedAfterMs!).toBeLessThanOrEqual(ttlMs + 250);
  });
});
