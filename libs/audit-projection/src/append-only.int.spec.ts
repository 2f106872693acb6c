import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { decodedTicketAssigned } from './testing';
import { Pseudonyms } from './pii/pseudonyms';
import { projectAuditEvents } from './project-audit';

/** A role that was granted UPDATE, DELETE and TRUNCATE on the audit tables by mistake: the trigger still refuses. */
describe('the audit tables are append-only, against the real PostgreSQL', () => {
  const role = `eventline_test_writer_${randomUUID().slice(0, 8)}`;
  let db: ScratchDatabase;
  let owner: Client;

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    owner = new Client({ connectionString: db.url });
    await owner.connect();
    await owner.query('BEGIN');
    await projectAuditEvents(owner, [decodedTicketAssigned('tenant-a', 1), decodedTicketAssigned('tenant-a', 2)], loadCatalog(), Pseudonyms.fromFile(undefined));
    await owner.query('COMMIT');
    await owner.query(`CREATE ROLE ${role} NOLOGIN`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON audit_logs, domain_events, audit_checkpoints TO ${role}`);
    await owner.query(`GRANT USAGE ON SEQUENCE audit_checkpoints_id_seq TO ${role}`);
    // Row-level security applies to it: bound to tenant-a, it sees the rows it tries to change.
    await owner.query(`GRANT SELECT ON tenant_roles TO ${role}`);
    await owner.query('INSERT INTO tenant_roles (role_name, tenant_id) VALUES ($1, $2)', [role, 'tenant-a']);
  });
  afterAll(async () => {
    await owner.end();
    await db.drop();
    const server = new Client({ connectionString: loadStackEndpoints().databaseUrl });
    await server.connect();
    await server.query(`DROP ROLE IF EXISTS ${role}`);
    await server.end();
  });

  const asWriter = async (sql: string) => {
    await owner.query(`SET ROLE ${role}`);
    try {
      return await owner.query(sql).then(
        () => 'done',
        (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
      );
    } finally {
      await owner.query('RESET ROLE');
    }
  };

  it.each([
    ['UPDATE', 'audit_logs', "UPDATE audit_logs SET actor_id = 'mallory'"],
    ['DELETE', 'audit_logs', 'DELETE FROM audit_logs'],
    ['TRUNCATE', 'audit_logs', 'TRUNCATE audit_logs'],
    ['UPDATE', 'domain_events', "UPDATE domain_events SET payload = '{}'"],
    ['DELETE', 'domain_events', 'DELETE FROM domain_events'],
    ['TRUNCATE', 'domain_events', 'TRUNCATE domain_events'],
  ])('refuses %s on %s for any role but the owner, naming table, operation and role', async (operation, table, sql) => {
    expect(await asWriter(sql)).toBe(`42501: ${table} is append-only: ${operation} refused for role ${role}`);
    expect((await owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(2);
  });

  it('still lets that role insert, and the owner change a row (audit verify is what reports that)', async () => {
    expect(await asWriter("INSERT INTO audit_checkpoints (created_at, heads, key_id, signature) VALUES (now(), '[]', 'k', '\\x00')")).toBe('done');
    expect((await owner.query("UPDATE audit_logs SET actor_id = 'owner-edit' WHERE entity_id = 'T-1'")).rowCount).toBe(1);
  });
});
