import type { ApiKey } from './api-key';
import { hashKey } from './key-material';

/** Where keys are looked up when the cache has no fresh answer: ApiKeyStore in production. */
export interface KeyLookup {
  findByPresentedKey(presented: string): Promise<ApiKey | undefined>;
}

export interface CachedKeyLookupOptions {
  /** How long an answer (a key, or "unknown or revoked") is reused: the longest a revoked key still works. */
  ttlMs: number;
  /** Most answers kept; past it the oldest go first, so a flood of made-up keys cannot grow memory. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  answer: Promise<ApiKey | undefined>;
  expiresAt: number;
}

export const DEFAULT_KEY_CACHE_TTL_MS = 2_000;

/**
 * Answers "which active key is this?" from memory for `ttlMs`, so a busy gateway asks PostgreSQL
 * once per key every few seconds rather than on every request. A revocation (done by another
 * process, the CLI) is honoured once the cached answer expires. Requests presenting the same key
 * while it is being looked up share the one query; a failed lookup is not remembered.
 */
export class CachedKeyLookup implements KeyLookup {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly source: KeyLookup,
    private readonly options: CachedKeyLookupOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  findByPresentedKey(presented: string): Promise<ApiKey | undefined> {
    // Keyed by the hash, so plaintext keys are not kept in memory longer than the request.
    const id = hashKey(presented);
    const cached = this.entries.get(id);
    if (cached && cached.expiresAt > this.now()) return cached.answer;
    this.entries.delete(id);
    const answer = this.source.findByPresentedKey(presented);
    this.remember(id, { answer, expiresAt: this.now() + this.options.ttlMs });
    answer.catch(() => this.entries.get(id)?.answer === answer && this.entries.delete(id));
    return answer;
  }

  private remember(id: string, entry: Entry): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, entry);
  }
}
