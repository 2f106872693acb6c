import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { projectAuditEvents } from '@eventline/audit-projection';
import { decodedTicketAssigned } from '@eventline/audit-projection/testing';
import { createPool, migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

describe('eventline audit verify against the real PostgreSQL', () => {
  let db: ScratchDatabase;
  let pool: Pool;
  const cli = (...args: string[]) => eventlineWith({ DATABASE_URL: db.url }, ...args);

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    pool = createPool({ applicationName: 'audit-cli-test', connectionString: db.url, max: 1 });
    const client = await pool.connect();
    try {
      const events = Array.from({ length: 30 }, (_, n) => decodedTicketAssigned(n % 3 === 0 ? 'globex' : 'acme', n, { partition: n % 2 }));
      await projectAuditEvents(client, events, loadCatalog());
    } finally {
      client.release();
    }
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('reports the chain intact with the rows, chains and rate, then broken after a one-row UPDATE by the owner, naming the row', async () => {
    const intact = await cli('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit verify: intact: 30 rows in 4 chain\(s\) checked in [\d.]+ s, [\d,]+ rows\/s \(every tenant\)\n$/);
    expect((await cli('audit', 'verify', '--tenant', 'globex')).stdout).toMatch(/intact: 10 rows in 2 chain\(s\)/);

    const { rows } = await pool.query<{ id: string; event_id: string }>("SELECT id::text, event_id::text FROM audit_logs WHERE tenant_id = 'acme' AND chain_partition = 1 AND chain_seq = 4");
    await pool.query("UPDATE audit_logs SET actor_id = 'someone-else' WHERE id = $1", [rows[0].id]);
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`eventline: the audit chain is broken at row ${rows[0].id} (event_id ${rows[0].event_id}, chain acme@tickets.events.v1/1, chain_seq 4): the row's columns no longer give its hash: the row was changed`);
  });
});
