import type { ClientBase, Pool } from 'pg';

/** One table's row-level security, as PostgreSQL reports it. */
export interface RlsState {
  table: string;
  hasTenantColumn: boolean;
  enabled: boolean;
  forced: boolean;
  /** Policy names, each with the roles it applies to ('public' for every role). */
  policies: string[];
  /** Roles granted INSERT, UPDATE or DELETE, and the owner; superusers and BYPASSRLS roles are not listed. */
  writers: string[];
}

/** Every table of the public schema: the generator of the RLS table in the docs and the subject of the RLS tests. */
export async function rlsStates(db: Pick<Pool | ClientBase, 'query'>): Promise<RlsState[]> {
  const { rows } = await db.query<{ table: string; has_tenant: boolean; enabled: boolean; forced: boolean; policies: string[]; writers: string[] }>(
    `SELECT c.relname AS table,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant,
            c.relrowsecurity AS enabled,
            c.relforcerowsecurity AS forced,
            ARRAY(SELECT p.polname || ' (' || array_to_string(ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END FROM unnest(p.polroles) r ORDER BY 1), ', ') || ')'
                    FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY p.polname) AS policies,
            ARRAY(SELECT DISTINCT g.grantee::regrole::text FROM aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) g
                   WHERE g.privilege_type IN ('INSERT', 'UPDATE', 'DELETE') ORDER BY 1) AS writers
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
  );
  return rows.map((r) => ({ table: r.table, hasTenantColumn: r.has_tenant, enabled: r.enabled, forced: r.forced, policies: r.policies, writers: r.writers }));
}
