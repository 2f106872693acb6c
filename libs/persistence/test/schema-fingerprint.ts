import { Client } from 'pg';

/**
 * What `pg_dump --schema-only` would show of the public schema, as sorted lines from the catalogs:
 * columns in order, constraints, indexes, functions, triggers, policies, row-level security and
 * grants. Read from the catalogs rather than by pg_dump, so it works whatever the server's version
 * and whether or not pg_dump is installed.
 */
const QUERIES: Record<string, string> = {
  column: `SELECT c.relname || '.' || a.attname || ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) || ' ' ||
                  format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END ||
                  coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped`,
  relation: `SELECT c.relkind::text || ' ' || c.relname || CASE WHEN c.relrowsecurity THEN ' RLS' ELSE '' END ||
                    CASE WHEN c.relforcerowsecurity THEN ' FORCE RLS' ELSE '' END AS line
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i')`,
  constraint: `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
               FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
  index: `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`,
  function: `SELECT pg_get_functiondef(p.oid) AS line FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`,
  trigger: `SELECT pg_get_triggerdef(t.oid) AS line FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal`,
  policy: `SELECT tablename || ' ' || policyname || ' ' || permissive || ' ' || roles::text || ' ' || cmd || ' ' ||
                  coalesce(qual, '') || ' ' || coalesce(with_check, '') AS line
           FROM pg_policies WHERE schemaname = 'public'`,
  'table grant': `SELECT c.relname || ' ' || acl.grantee::regrole || ' ' || acl.privilege_type AS line
                  FROM pg_class c, aclexplode(c.relacl) acl WHERE c.relnamespace = 'public'::regnamespace`,
  'function grant': `SELECT p.proname || ' ' || CASE acl.grantee WHEN 0 THEN 'PUBLIC' ELSE acl.grantee::regrole::text END || ' ' || acl.privilege_type AS line
                     FROM pg_proc p, aclexplode(p.proacl) acl WHERE p.pronamespace = 'public'::regnamespace`,
  type: `SELECT t.typname || ' ' || t.typtype::text || coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') AS line
         FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c')
           AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')`,
};

export async function schemaFingerprint(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const lines: string[] = [];
    for (const [kind, sql] of Object.entries(QUERIES)) {
      const { rows } = await client.query<{ line: string }>(sql);
      lines.push(...rows.map((row) => `${kind}: ${row.line}`));
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}
