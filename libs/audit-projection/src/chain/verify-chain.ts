import type { Pool } from 'pg';
import { auditLogId, chainName, linkHash, type ChainedAuditRow } from './audit-chain';
import { checkpointProblem, lastCheckpoint, type Checkpoint, type CheckpointKey } from './checkpoint';

export interface VerifyOptions {
  tenant?: string;
  /** Verify each chain from its first row that occurred at or after this time; the link into that row is trusted. */
  from?: Date;
  pageSize?: number;
  onProgress?: (rowsChecked: number) => void;
  /** Also check the chains against the last signed checkpoint, which catches a chain re-computed from a changed row on. */
  checkpointKey?: CheckpointKey;
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
  /** The checkpoint the chains were checked against, if a key was given and one exists. */
  checkpoint?: { id: string; createdAt: Date; chains: number; problem?: string };
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
  const checkpoint = options.checkpointKey ? await lastCheckpoint(pool) : undefined;
  const problem = checkpoint && checkpointProblem(checkpoint, options.checkpointKey!);
  const checked = checkpoint && { id: checkpoint.id, createdAt: checkpoint.createdAt, chains: checkpoint.heads.length, problem };
  const result = (rows: number, chains: number, broken?: BrokenLink): ChainVerification => ({ rows, chains, seconds: (Date.now() - started) / 1000, broken, checkpoint: checked });
  if (problem) return result(0, 0);
  const unchained = await firstUnchained(pool, options);
  if (unchained) return result(0, 0, unchained);

  const starts = options.from ? await chainStarts(pool, options.from, options.tenant) : undefined;
  const walk = new ChainWalk(starts, checkpoint);
  let cursor: ChainedAuditRow | undefined;
  for (;;) {
    const page = await nextPage(pool, options, cursor);
    for (const row of page) {
      const broken = walk.check(row);
      if (broken) return result(walk.rows, walk.chains, broken);
    }
    options.onProgress?.(walk.rows);
    if (page.length < (options.pageSize ?? 5_000)) break;
    cursor = page[page.length - 1];
  }
  // A tail deleted after the checkpoint leaves a valid, shorter chain; only the signed head tells.
  return result(walk.rows, walk.chains, options.from ? undefined : walk.shortOfCheckpoint(options.tenant));
}

/** The walk's state: the last row of the chain in hand. */
class ChainWalk {
  rows = 0;
  chains = 0;
  private last: { chain: string; seq: bigint; hash: Buffer } | undefined;
  private readonly signed = new Map<string, { seq: bigint; hash: string }>();
  private readonly reached = new Map<string, { seq: bigint; id: string; event_id: string }>();

  constructor(
    private readonly starts?: Map<string, bigint>,
    private readonly checkpoint?: Checkpoint,
  ) {
    for (const head of checkpoint?.heads ?? []) this.signed.set(chainName(head), { seq: BigInt(head.seq), hash: head.hash });
  }

  /** The first checkpointed chain (of `tenant`, or any) whose rows end before its signed head. */
  shortOfCheckpoint(tenant?: string): BrokenLink | undefined {
    for (const head of this.checkpoint?.heads ?? []) {
      if (tenant !== undefined && head.tenant_id !== tenant) continue;
      const chain = chainName(head);
      const reached = this.reached.get(chain);
      if (reached && reached.seq >= BigInt(head.seq)) continue;
      const after = reached ? `ends at chain_seq ${reached.seq}` : 'has no rows';
      return {
        id: reached?.id ?? 'none',
        event_id: reached?.event_id ?? 'none',
        chain,
        seq: reached ? String(reached.seq) : null,
        reason: `the chain ${after}, but checkpoint ${this.checkpoint!.id} (${this.checkpoint!.createdAt.toISOString()}) signed chain_seq ${head.seq}: rows at its end were deleted`,
      };
    }
    return undefined;
  }

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
    const signed = this.signed.get(chain);
    if (signed && signed.seq === seq && signed.hash !== row.hash.toString('hex')) {
      return broken(`its hash differs from the one checkpoint ${this.checkpoint!.id} signed at ${this.checkpoint!.createdAt.toISOString()}: the chain was re-computed from here or before`);
    }
    if (!continuing) this.chains++;
    this.rows++;
    this.last = { chain, seq, hash: row.hash };
    if (signed) this.reached.set(chain, { seq, id: row.id, event_id: row.event_id });
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
