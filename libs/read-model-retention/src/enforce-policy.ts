import type { Pool } from 'pg';
import { withTransaction } from '@eventline/persistence';
import { expiredRows, heldRowsWhere, type ExpiredRows } from './expired-rows';
import { LEGAL_HOLDS_LOCK } from './legal-holds';
import type { RetentionPolicy } from './policies';
import { checkTarget } from './retention-target';

const DAY_MS = 86_400_000;
/** How many affected ids the evidence keeps (the contract's sample). */
export const SAMPLE_SIZE = 10;

/** What one policy did in one run: the row of data_retention_audit_logs and the payload of data_retention.policy_enforced. */
export interface Evidence {
  runId: string;
  policy: RetentionPolicy;
  cutoffAt: Date;
  rowsAffected: number;
  sampleIds: string[];
  heldTenants: string[];
  dryRun: boolean;
  actor: string;
  startedAt: Date;
  finishedAt: Date;
}

/** Told of a real run's progress; the CLI shows a bar on stderr for long ones. */
export interface ProgressSink {
  start(total: number): void;
  advance(deleted: number): void;
  stop(): void;
}

export interface EnforceOptions {
  runId: string;
  actor: string;
  dryRun: boolean;
  batchSize: number;
  progress?: ProgressSink;
}

/**
 * Deletes (or, dry, only measures) the policy's expired rows, then writes the evidence row. Each
 * batch is its own statement and transaction, so a long run holds no lock for long and what it
 * did so far stays done if it stops. The policy is checked again first: a row of
 * retention_policies changed by hand in SQL gets the same refusals as `retention policy set`.
 */
export async function enforcePolicy(pool: Pool, policy: RetentionPolicy, options: EnforceOptions): Promise<Evidence> {
  await checkTarget(pool, policy);
  const startedAt = new Date();
  const cutoffAt = new Date(startedAt.getTime() - policy.maxAgeDays * DAY_MS);
  const rows = expiredRows(policy, cutoffAt);
  const { affected, sampleIds } = options.dryRun ? await measure(pool, rows) : await deleteInBatches(pool, rows, options);
  const evidence: Evidence = {
    runId: options.runId,
    policy,
    cutoffAt,
    rowsAffected: affected,
    sampleIds,
    heldTenants: await tenantsKeptByHolds(pool, rows),
    dryRun: options.dryRun,
    actor: options.actor,
    startedAt,
    finishedAt: new Date(),
  };
  await recordEvidence(pool, evidence);
  return evidence;
}

async function measure(pool: Pool, rows: ExpiredRows): Promise<{ affected: number; sampleIds: string[] }> {
  return { affected: await countExpired(pool, rows), sampleIds: await sampleExpired(pool, rows) };
}

async function deleteInBatches(pool: Pool, rows: ExpiredRows, options: EnforceOptions): Promise<{ affected: number; sampleIds: string[] }> {
  options.progress?.start(await countExpired(pool, rows));
  let affected = 0;
  const sampleIds: string[] = [];
  try {
    for (;;) {
      const deleted = await deleteBatch(pool, rows, options.batchSize);
      affected += deleted.length;
      sampleIds.push(...deleted.slice(0, SAMPLE_SIZE - sampleIds.length));
      options.progress?.advance(affected);
      if (deleted.length < options.batchSize) return { affected, sampleIds };
    }
  } finally {
    options.progress?.stop();
  }
}

/**
 * Oldest first, by physical row id (ctid), so it works whatever the table's key (moderation_signals'
 * is three columns). SKIP LOCKED: a row a worker is updating right now is left to the next run
 * rather than waited for.
 */
async function deleteBatch(pool: Pool, rows: ExpiredRows, batchSize: number): Promise<string[]> {
  return withTransaction(pool, async (tx) => {
    // Taken before the DELETE's snapshot: a hold placed meanwhile is either seen or waits for this batch.
    await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [LEGAL_HOLDS_LOCK]);
    const { rows: deleted } = await tx.query<{ id: string }>(
      `DELETE FROM ${rows.table} WHERE ctid = ANY (ARRAY(
         SELECT r.ctid FROM ${rows.table} AS r WHERE ${rows.where} ORDER BY r.${rows.ageColumn} LIMIT $3 FOR UPDATE SKIP LOCKED))
       RETURNING ${rows.idColumn}::text AS id`,
      [...rows.params, batchSize],
    );
    return deleted.map((row) => row.id);
  });
}

async function countExpired(pool: Pool, rows: ExpiredRows): Promise<number> {
  const {
    rows: [{ n }],
  } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${rows.table} AS r WHERE ${rows.where}`, rows.params);
  return Number(n);
}

async function sampleExpired(pool: Pool, rows: ExpiredRows): Promise<string[]> {
  const { rows: sample } = await pool.query<{ id: string }>(
    `SELECT r.${rows.idColumn}::text AS id FROM ${rows.table} AS r WHERE ${rows.where} ORDER BY r.${rows.ageColumn} LIMIT ${SAMPLE_SIZE}`,
    rows.params,
  );
  return sample.map((row) => row.id);
}

async function tenantsKeptByHolds(pool: Pool, rows: ExpiredRows): Promise<string[]> {
  const { rows: held } = await pool.query<{ tenant_id: string }>(`SELECT DISTINCT r.tenant_id FROM ${rows.table} AS r WHERE ${heldRowsWhere(rows)} ORDER BY 1`, rows.params);
  return held.map((row) => row.tenant_id);
}

async function recordEvidence(pool: Pool, evidence: Evidence): Promise<void> {
  const { policy } = evidence;
  await pool.query(
    `INSERT INTO data_retention_audit_logs (run_id, policy_id, policy_name, tenant_id, target_table, age_column, retention_days, cutoff_at,
       rows_affected, sample_ids, held_tenants, dry_run, actor, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      evidence.runId,
      policy.id,
      policy.name,
      policy.tenantId,
      policy.table,
      policy.ageColumn,
      policy.maxAgeDays,
      evidence.cutoffAt,
      evidence.rowsAffected,
      evidence.sampleIds,
      evidence.heldTenants,
      evidence.dryRun,
      evidence.actor,
      evidence.startedAt,
      evidence.finishedAt,
    ],
  );
}
