import type { ClientBase, Pool, PoolClient } from 'pg';
import { withTransaction } from '@eventline/persistence';
import { RetentionInputError } from './retention-input-error';
import { checkTenantId } from './tenant-id';

type Db = Pick<Pool | ClientBase, 'query'>;

/** A row of legal_holds. While releasedAt is null, retention deletes none of the tenant's rows. */
export interface LegalHold {
  id: string;
  tenantId: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
  releasedBy: string | null;
  releasedAt: Date | null;
  releaseReason: string | null;
}

export interface HoldChange {
  tenantId: string;
  reason: string;
  actor: string;
}

/**
 * Called inside the change's transaction, before COMMIT: a hold change that cannot be recorded
 * (its governance event not published) does not happen.
 */
export type RecordHoldChange = (hold: LegalHold) => Promise<void>;

const COLUMNS = `id::text, tenant_id AS "tenantId", reason, placed_by AS "placedBy", placed_at AS "placedAt",
                 released_by AS "releasedBy", released_at AS "releasedAt", release_reason AS "releaseReason"`;

/** Places a hold on the tenant; refused when one is in force already. */
/**
 * An advisory lock between placing a hold and deleting a retention batch: a batch holds it shared
 * for its statement, a placement exclusively, so a batch whose snapshot predates a hold never
 * deletes after the hold is reported placed.
 */
export const LEGAL_HOLDS_LOCK = 7_246_018_501;

export async function placeHold(pool: Pool, change: HoldChange, record: RecordHoldChange): Promise<LegalHold> {
  const { tenantId, reason } = checkChange(change);
  return withTransaction(pool, async (tx) => {
    // Waits for retention batches in flight: once the hold is reported placed, no batch that read the holds before it is still deleting.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LEGAL_HOLDS_LOCK]);
    // The partial unique index (one hold in force per tenant) settles two concurrent placements.
    const { rows } = await tx.query<LegalHold>(
      `INSERT INTO legal_holds (tenant_id, reason, placed_by) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) WHERE released_at IS NULL DO NOTHING RETURNING ${COLUMNS}`,
      [tenantId, reason, change.actor],
    );
    if (rows.length === 0) throw await alreadyHeld(tx, tenantId);
    await record(rows[0]);
    return rows[0];
  });
}

/** Releases the tenant's hold in force; refused when there is none. */
export async function releaseHold(pool: Pool, change: HoldChange, record: RecordHoldChange): Promise<LegalHold> {
  const { tenantId, reason } = checkChange(change);
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<LegalHold>(
      `UPDATE legal_holds SET released_at = now(), released_by = $2, release_reason = $3
        WHERE tenant_id = $1 AND released_at IS NULL RETURNING ${COLUMNS}`,
      [tenantId, change.actor, reason],
    );
    if (rows.length === 0) throw new RetentionInputError('tenant', tenantId, 'has no legal hold in force, so there is none to remove (eventline hold list shows the holds)');
    await record(rows[0]);
    return rows[0];
  });
}

/** The holds in force, oldest first; with `history`, released ones too. */
export async function listHolds(db: Db, options: { tenantId?: string; history?: boolean } = {}): Promise<LegalHold[]> {
  const tenantId = options.tenantId === undefined ? null : checkTenantId(options.tenantId);
  const { rows } = await db.query<LegalHold>(
    `SELECT ${COLUMNS} FROM legal_holds
      WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2 OR released_at IS NULL)
      ORDER BY placed_at, tenant_id`,
    [tenantId, options.history === true],
  );
  return rows;
}

function checkChange(change: HoldChange): HoldChange {
  checkTenantId(change.tenantId);
  if (change.reason.trim() === '') throw new RetentionInputError('reason', change.reason, 'must say why (a matter or ticket reference); it is blank');
  if (change.actor.trim() === '') throw new RetentionInputError('actor', change.actor, 'must name who makes the change; it is blank');
  return { ...change, reason: change.reason.trim() };
}

async function alreadyHeld(tx: PoolClient, tenantId: string): Promise<RetentionInputError> {
  const { rows } = await tx.query<LegalHold>(`SELECT ${COLUMNS} FROM legal_holds WHERE tenant_id = $1 AND released_at IS NULL`, [tenantId]);
  const held = rows[0];
  const since = held ? ` since ${held.placedAt.toISOString()} (hold ${held.id}, placed by ${held.placedBy}: "${held.reason}")` : '';
  return new RetentionInputError('tenant', tenantId, `is already on legal hold${since}; remove it first to place another`);
}
