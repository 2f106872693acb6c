import type { ClientBase, Pool } from 'pg';
import { RetentionInputError } from './retention-input-error';
import { checkTarget, type RetentionTarget } from './retention-target';
import { checkPolicyScope } from './tenant-id';

type Db = Pick<Pool | ClientBase, 'query'>;

/** A row of retention_policies: delete rows of `table` older than `maxAgeDays` by `ageColumn`, for one tenant or every one ('*'). */
export interface RetentionPolicy extends RetentionTarget {
  id: string;
  name: string;
  tenantId: string;
  maxAgeDays: number;
  updatedBy: string;
  updatedAt: Date;
}

export interface PolicyInput extends RetentionTarget {
  name: string;
  tenantId: string;
  maxAgeDays: number;
  actor: string;
}

const COLUMNS = `id::text, name, tenant_id AS "tenantId", target_table AS "table", age_column AS "ageColumn", id_column AS "idColumn",
                 max_age_days AS "maxAgeDays", updated_by AS "updatedBy", updated_at AS "updatedAt"`;

const POLICY_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export async function listPolicies(db: Db): Promise<RetentionPolicy[]> {
  const { rows } = await db.query<RetentionPolicy>(`SELECT ${COLUMNS} FROM retention_policies ORDER BY name`);
  return rows;
}

/** The policies a run enforces: all, or the ones named, each of which must exist. */
export async function selectPolicies(db: Db, names: string[]): Promise<RetentionPolicy[]> {
  const policies = await listPolicies(db);
  if (names.length === 0) return policies;
  const known = new Map(policies.map((policy) => [policy.name, policy]));
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) {
    throw new RetentionInputError('policy', unknown, `no such retention policy (there are: ${policies.map((p) => p.name).join(', ') || 'none'})`);
  }
  return [...new Set(names)].map((name) => known.get(name)!);
}

/** Creates the policy, or changes the one of that name. */
export async function setPolicy(db: Db, input: PolicyInput): Promise<{ policy: RetentionPolicy; created: boolean }> {
  if (!POLICY_NAME.test(input.name)) throw new RetentionInputError('name', input.name, 'must be 1-63 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit');
  checkPolicyScope(input.tenantId);
  await checkTarget(db, input);
  const { rows } = await db.query<RetentionPolicy & { created: boolean }>(
    `INSERT INTO retention_policies (name, tenant_id, target_table, age_column, id_column, max_age_days, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (name) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, target_table = EXCLUDED.target_table, age_column = EXCLUDED.age_column,
       id_column = EXCLUDED.id_column, max_age_days = EXCLUDED.max_age_days, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING ${COLUMNS}, (xmax = 0) AS created`,
    [input.name, input.tenantId, input.table, input.ageColumn, input.idColumn, input.maxAgeDays, input.actor],
  );
  const { created, ...policy } = rows[0];
  return { policy, created };
}
