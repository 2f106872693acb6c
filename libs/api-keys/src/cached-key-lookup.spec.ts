import type { ApiKey } from './api-key';
import { CachedKeyLookup, type KeyLookup } from './cached-key-lookup';

const KEY: ApiKey = { id: 'k1', name: 'n', keyPrefix: 'evl_x', tenantIds: ['*'], eventTypes: ['*'], scopes: ['publish'], createdAt: new Date(0), revokedAt: null };

function countingSource(answer: () => Promise<ApiKey | undefined>) {
  const source = { calls: 0, findByPresentedKey: () => (source.calls++, answer()) };
  return source satisfies KeyLookup;
}

describe('CachedKeyLookup', () => {
  it('asks the source once per key within the TTL, and again after it', async () => {
    let now = 0;
    const source = countingSource(async () => KEY);
    const lookup = new CachedKeyLookup(source, { ttlMs: 1_000, now: () => now });
    expect(await lookup.findByPresentedKey('evl_a')).toBe(KEY);
    now = 999;
    expect(await lookup.findByPresentedKey('evl_a')).toBe(KEY);
    expect(source.calls).toBe(1);
    now = 1_000;
    await lookup.findByPresentedKey('evl_a');
    expect(source.calls).toBe(2);
  });

  it('shares one lookup among concurrent requests presenting the same key', async () => {
    const source = countingSource(async () => KEY);
    const lookup = new CachedKeyLookup(source, { ttlMs: 1_000 });
    await Promise.all(Array.from({ length: 32 }, () => lookup.findByPresentedKey('evl_a')));
    expect(source.calls).toBe(1);
  });

  it('does not remember a failed lookup', async () => {
    let fail = true;
    const source = countingSource(async () => {
      if (fail) throw new Error('database down');
      return KEY;
    });
    const lookup = new CachedKeyLookup(source, { ttlMs: 60_000 });
    await expect(lookup.findByPresentedKey('evl_a')).rejects.toThrow('database down');
    fail = false;
    expect(await lookup.findByPresentedKey('evl_a')).toBe(KEY);
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    const source = countingSource(async () => undefined);
    const lookup = new CachedKeyLookup(source, { ttlMs: 60_000, maxEntries: 2 });
    for (const key of ['evl_1', 'evl_2', 'evl_3', 'evl_3', 'evl_2']) await lookup.findByPresentedKey(key);
    expect(source.calls).toBe(3);
    await lookup.findByPresentedKey('evl_1');
    expect(source.calls).toBe(4);
  });
});
