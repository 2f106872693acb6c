import type { Pool } from 'pg';
import { auditLogId, chainName, linkHash, type ChainedAuditRow } from './audit-chain';

export interface VerifyOptions {
  tenant?: string;
  /** Verify each chain from its first row that occurred at or after this time; the link into that row is trusted. */
  from?: Date;
  pageSize?: number;
  onProgress?: (rowsChecked: number) => void;
}

export interface BrokenLink {
  id: string;
  event_id: string;
  chain: string;
  seq: string | null;
  reason: string;
}

export interface ChainVerification {
  rows: number;
  chains: number;
  seconds: number;
  /** The first broken link, in chain order; absent when every chain is intact. */
  broken?: BrokenLink;
}

const COLUMNS = `id::text, event_id::text, tenant_id, actor_id, action, entity_type, entity_id, metadata, occurred_at, source, assist_mode,
  model_name, model_version, input_tokens, output_tokens, chain_topic, chain_partition, chain_seq::text, prev_hash, hash`;

/**
 * Re-computes every chain of audit_logs (or one tenant's) in chain order, page by page on the
 * chain index, and stops at the first broken link: a row whose columns no longer give its hash
 * (changed), whose predecessor is not the previous row (deleted, inserted or reordered), or that
 * carries no link at all (written outside the projection).
 */
export async function verifyAuditChain(pool: Pool, options: VerifyOptions = {}): Promise<ChainVerification> {
  const started = Date.now();
  const result = (rows: number, chains: number, broken?: BrokenLink): ChainVerification => ({ rows, chains, seconds: (Date.now() - started) / 1000, broken });
  const unchained = await firstUnchained(pool, options);
  if (unchained) return result(0, 0, unchained);

  const starts = options.from ? await chainStarts(pool, options.from, options.tenant) : undefined;
  const walk = new ChainWalk(starts);
  let cursor: ChainedAuditRow | undefined;
  for (;;) {
    const page = await nextPage(pool, options, cursor);
    for (const row of page) {
      const broken = walk.check(row);
      if (broken) return result(walk.rows, walk.chains, broken);
    }
    options.onProgress?.(walk.rows);
    if (page.length < (options.pageSize ?? 5_000)) return result(walk.rows, walk.chains);
    cursor = page[page.length - 1];
  }
}

/** The walk's state: the last row of the chain in hand. */
class ChainWalk {
  rows = 0;
  chains = 0;
  private last: { chain: string; seq: bigint; hash: Buffer } | undefined;

  constructor(private readonly starts?: Map<string, bigint>) {}

  check(row: ChainedAuditRow): BrokenLink | undefined {
    const chain = chainName(row);
    const seq = BigInt(row.chain_seq);
    const start = this.starts ? this.starts.get(chain) : 1n;
    if (start === undefined || seq < start) return undefined;
    const broken = (reason: string): BrokenLink => ({ id: row.id, event_id: row.event_id, chain, seq: row.chain_seq, reason });
    if (row.id !== auditLogId(row.event_id)) return broken(`id ${row.id} is not the one derived from its event_id`);
    if (!linkHash(row).equals(row.hash)) return broken("the row's columns no longer give its hash: the row was changed");
    const continuing = this.last?.chain === chain;
    if (!continuing && seq === start) {
      if (seq === 1n && row.prev_hash !== null) return broken('the first row of its chain names a predecessor');
    } else if (!continuing) {
      return broken(`the chain starts at chain_seq ${seq}, not ${start}: the rows before it are missing`);
    } else if (seq !== this.last!.seq + 1n) {
      return broken(`chain_seq ${seq} follows ${this.last!.seq}: a row is missing or was inserted before it`);
    } else if (!row.prev_hash || !row.prev_hash.equals(this.last!.hash)) {
      return broken('its prev_hash is not the hash of the row before it: a row before it was replaced');
    }
    if (!continuing) this.chains++;
    this.rows++;
    this.last = { chain, seq, hash: row.hash };
    return undefined;
  }
}

async function firstUnchained(pool: Pool, { tenant, from }: VerifyOptions): Promise<BrokenLink | undefined> {
  const { rows } = await pool.query<{ id: string; event_id: string; tenant_id: string; n: string }>(
    `SELECT id::text, event_id::text, tenant_id, count(*) OVER ()::text AS n FROM audit_logs
     WHERE hash IS NULL AND ($1::text IS NULL OR tenant_id = $1) AND ($2::timestamptz IS NULL OR occurred_at >= $2) LIMIT 1`,
    [tenant ?? null, from ?? null],
  );
  const row = rows[0];
  const reason = `the row carries no chain link (${row?.n} row(s) do not): written outside the projection, or projected before migration 1764000000060 added the chain`;
  return row && { id: row.id, event_id: row.event_id, chain: `${row.tenant_id}@(none)`, seq: null, reason };
}

async function chainStarts(pool: Pool, from: Date, tenant?: string): Promise<Map<string, bigint>> {
  const { rows } = await pool.query<{ tenant_id: string; chain_topic: string; chain_partition: number; seq: string }>(
    `SELECT tenant_id, chain_topic, chain_partition, min(chain_seq)::text AS seq FROM audit_logs
     WHERE occurred_at >= $1 AND ($2::text IS NULL OR tenant_id = $2) GROUP BY 1, 2, 3`,
    [from, tenant ?? null],
  );
  return new Map(rows.map((row) => [chainName(row), BigInt(row.seq)]));
}

function nextPage(pool: Pool, { tenant, pageSize = 5_000 }: VerifyOptions, after?: ChainedAuditRow): Promise<ChainedAuditRow[]> {
  const params: unknown[] = [tenant ?? null, pageSize];
  let keyset = '';
  if (after) {
    params.push(after.tenant_id, after.chain_topic, after.chain_partition, after.chain_seq);
    keyset = 'AND (tenant_id, chain_topic, chain_partition, chain_seq) > ($3, $4, $5, $6::bigint)';
  }
  // Qualified, so ORDER BY sorts the bigint column, not the text it is selected as.
  const sql = `SELECT ${COLUMNS} FROM audit_logs a WHERE chain_seq IS NOT NULL AND ($1::text IS NULL OR tenant_id = $1) ${keyset}
    ORDER BY a.tenant_id, a.chain_topic, a.chain_partition, a.chain_seq LIMIT $2`;
  return pool.query<ChainedAuditRow>(sql, params).then((result) => result.rows);
}
