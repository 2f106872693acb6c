import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { MasterKey } from './master-key';
import { UnknownDataKeyError, type DataKey, type DataKeyId, type SubjectKeyStore } from './subject-key-store';
import { TtlCache } from './ttl-cache';

/** How long a key read from the table is used without asking again: an erasure elsewhere takes effect within it. */
export const DEFAULT_KEY_CACHE_MS = 10_000;

interface KeyRow {
  generation: number;
  wrapped_key: Buffer;
  erased_at: Date | null;
}

/** The wrapped key is bound to its tenant, subject and generation: a row copied to another subject does not unwrap. */
const wrapContext = (tenantId: string, ref: string, generation: number) => `subject_keys:${tenantId}:${ref}:${generation}`;

/**
 * Data keys in the `subject_keys` table, each wrapped by the master key. Keys read are kept for
 * `cacheMs` (default 10 s; 0 turns it off): publishing the same subjects batch after batch then
 * costs no query per subject.
 */
export class PgSubjectKeyStore implements SubjectKeyStore {
  private readonly liveKeys: TtlCache<DataKey>;
  private readonly foundKeys: TtlCache<Buffer | 'erased'>;

  constructor(
    private readonly pool: Pool,
    private readonly master: MasterKey,
    options: { cacheMs?: number } = {},
  ) {
    this.liveKeys = new TtlCache(options.cacheMs ?? DEFAULT_KEY_CACHE_MS);
    this.foundKeys = new TtlCache(options.cacheMs ?? DEFAULT_KEY_CACHE_MS);
  }

  async keyFor(tenantId: string, subject: string): Promise<DataKey> {
    const ref = this.subjectRef(tenantId, subject);
    const cached = this.liveKeys.get(`${tenantId}\0${ref}`);
    if (cached) return cached;
    const key = await this.liveOrNew(tenantId, ref);
    return this.liveKeys.set(`${tenantId}\0${ref}`, key);
  }

  private async liveOrNew(tenantId: string, ref: string): Promise<DataKey> {
    const live = await this.live(tenantId, ref);
    if (live) return live;
    const generation = await this.nextGeneration(tenantId, ref);
    const key = randomBytes(32);
    // Two publishers may make the first key at once: the live index lets one win, and both use it.
    await this.pool.query(
      `INSERT INTO subject_keys (tenant_id, subject_ref, generation, wrapped_key, master_key_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [tenantId, ref, generation, this.master.wrap(key, wrapContext(tenantId, ref, generation)), this.master.id],
    );
    const made = await this.live(tenantId, ref);
    if (!made) throw new Error(`the data key of a subject of tenant ${tenantId} was erased while it was being made; publish again`);
    return made;
  }

  async find(tenantId: string, id: DataKeyId): Promise<Buffer | 'erased'> {
    const cacheKey = `${tenantId}\0${id.ref}\0${id.generation}`;
    return this.foundKeys.get(cacheKey) ?? this.foundKeys.set(cacheKey, await this.read(tenantId, id));
  }

  private async read(tenantId: string, { ref, generation }: DataKeyId): Promise<Buffer | 'erased'> {
    const { rows } = await this.pool.query<KeyRow>('SELECT generation, wrapped_key, erased_at FROM subject_keys WHERE tenant_id = $1 AND subject_ref = $2 AND generation = $3', [
      tenantId,
      ref,
      generation,
    ]);
    if (rows.length === 0) throw new UnknownDataKeyError(tenantId, { ref, generation });
    return rows[0].erased_at ? 'erased' : this.master.unwrap(rows[0].wrapped_key, wrapContext(tenantId, ref, generation));
  }

  async erase(tenantId: string, subject: string): Promise<number> {
    const ref = this.subjectRef(tenantId, subject);
    // Erasures are rare: what this process kept is dropped whole, so it never seals or opens with an erased key.
    this.liveKeys.clear();
    this.foundKeys.clear();
    const { rowCount } = await this.pool.query(`UPDATE subject_keys SET wrapped_key = ''::bytea, erased_at = now() WHERE tenant_id = $1 AND subject_ref = $2 AND erased_at IS NULL`, [tenantId, ref]);
    return rowCount ?? 0;
  }

  async countLive(tenantId: string, subject: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM subject_keys WHERE tenant_id = $1 AND subject_ref = $2 AND erased_at IS NULL', [
      tenantId,
      this.subjectRef(tenantId, subject),
    ]);
    return rows[0].n;
  }

  subjectRef(tenantId: string, subject: string): string {
    return this.master.subjectRef(tenantId, subject);
  }

  private async live(tenantId: string, ref: string): Promise<DataKey | undefined> {
    const { rows } = await this.pool.query<KeyRow>('SELECT generation, wrapped_key, erased_at FROM subject_keys WHERE tenant_id = $1 AND subject_ref = $2 AND erased_at IS NULL', [tenantId, ref]);
    if (rows.length === 0) return undefined;
    const { generation, wrapped_key } = rows[0];
    return { ref, generation, key: this.master.unwrap(wrapped_key, wrapContext(tenantId, ref, generation)) };
  }

  private async nextGeneration(tenantId: string, ref: string): Promise<number> {
    const { rows } = await this.pool.query<{ next: number }>('SELECT coalesce(max(generation), 0) + 1 AS next FROM subject_keys WHERE tenant_id = $1 AND subject_ref = $2', [tenantId, ref]);
    return rows[0].next;
  }
}
