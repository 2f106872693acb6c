import type { ClientBase, Pool } from 'pg';
import { RetentionInputError } from './retention-input-error';

type Db = Pick<Pool | ClientBase, 'query'>;

/** What a policy deletes from: a table, the column that dates a row, the column that names it in the evidence. */
export interface RetentionTarget {
  table: string;
  ageColumn: string;
  idColumn: string;
}

/**
 * The audit trail, and retention's own policies, holds and evidence. The migration's CHECK refuses
 * them too; any other table with the append-only trigger is refused as well (see isAppendOnly).
 */
const AUDIT_TABLES = ['audit_logs', 'domain_events', 'audit_checkpoints', 'data_retention_audit_logs', 'legal_holds', 'retention_policies'];

/** Tables that have a tenant_id and an age but are not read models: deleting from them is not retention. */
const NOT_READ_MODELS: Record<string, string> = {
  outbox: 'it holds events on their way to Kafka; the relay, not retention, empties it',
  subject_keys: "deleting a subject's key is erasure (eventline erase), which is recorded as such",
  tenant_roles: 'it binds tenants to database roles; it is configuration, not a read model',
};

const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'date']);

/** Refuses, naming the field, a target retention must not or cannot delete from. */
export async function checkTarget(db: Db, target: RetentionTarget): Promise<void> {
  const { table, ageColumn, idColumn } = target;
  if (AUDIT_TABLES.includes(table) || (await isAppendOnly(db, table))) {
    throw new RetentionInputError('table', table, 'is an audit table: audit tables are append-only evidence and are never deleted by policy');
  }
  if (NOT_READ_MODELS[table]) throw new RetentionInputError('table', table, `is not a read model: ${NOT_READ_MODELS[table]}`);
  const columns = await columnTypes(db, table);
  if (columns.size === 0) throw new RetentionInputError('table', table, 'no such table in the public schema');
  if (!columns.has('tenant_id')) throw new RetentionInputError('table', table, 'has no tenant_id column, so legal holds (per tenant) could not be honoured');
  const ageType = columns.get(ageColumn);
  if (!ageType) throw new RetentionInputError('age-column', ageColumn, `${table} has no such column`);
  if (!TIME_TYPES.has(ageType)) throw new RetentionInputError('age-column', ageColumn, `is ${ageType}, not a timestamp or date, so it cannot say how old a row is`);
  if (!columns.has(idColumn)) throw new RetentionInputError('id-column', idColumn, `${table} has no such column`);
}

async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ name: string; type: string }>("SELECT column_name AS name, udt_name AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1", [
    table,
  ]);
  return new Map(rows.map((row) => [row.name, row.type]));
}

/** A table guarded by the audit tables' trigger (migration 062) is audit, whatever its name. */
async function isAppendOnly(db: Db, table: string): Promise<boolean> {
  const { rows } = await db.query<{ guarded: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                     WHERE t.tgrelid = to_regclass(quote_ident('public') || '.' || quote_ident($1)) AND p.proname = 'refuse_audit_change') AS guarded`,
    [table],
  );
  return rows[0].guarded;
}
