/**
 * Entries that expire `ttlMs` after they were set, at most `limit` of them (past it, it starts
 * afresh). Small on purpose: what a key store needs to keep one query per subject per batch off
 * the publish path, while an erasure made elsewhere still takes effect within `ttlMs`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): V {
    if (this.ttlMs <= 0) return value;
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
