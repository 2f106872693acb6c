import { BufferCache } from './buffer-cache';

describe('BufferCache', () => {
  it('hands the same Buffer for a repeated string, holding its UTF-8 bytes', () => {
    const cache = new BufferCache();
    const first = cache.get('tenant-é');
    expect(cache.get('tenant-é')).toBe(first);
    expect(first.equals(Buffer.from('tenant-é'))).toBe(true);
  });

  it('starts afresh past its limit, so unique strings cannot grow it for ever', () => {
    const cache = new BufferCache(2);
    const a = cache.get('a');
    cache.get('b');
    cache.get('c');
    expect(cache.get('a')).not.toBe(a);
    expect(cache.get('a').toString()).toBe('a');
  });
});
