import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('returns a value until its time is up, then forgets it', () => {
    let now = 1_000;
    const cache = new TtlCache<string>(100, 10, () => now);
    cache.set('a', 'x');
    now = 1_099;
    expect(cache.get('a')).toBe('x');
    now = 1_100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps nothing with a ttl of 0, and starts afresh past its limit', () => {
    expect(new TtlCache<string>(0).set('a', 'x')).toBe('x');
    const off = new TtlCache<string>(0);
    off.set('a', 'x');
    expect(off.get('a')).toBeUndefined();
    const small = new TtlCache<string>(1_000, 2);
    small.set('a', '1');
    small.set('b', '2');
    small.set('c', '3');
    expect([small.get('a'), small.get('c')]).toEqual([undefined, '3']);
  });
});
