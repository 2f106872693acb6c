import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { projectAuditEvents, Pseudonyms } from '@eventline/audit-projection';
import { decodedTicketAssigned } from '@eventline/audit-projection/testing';
import { createPool, migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createKafkaPort } from '@eventline/kafka-port';
import { parseWireFormat } from '@eventline/schema-registry';
import { createScratchDatabase, readTopicFrom, topicEnd, type ScratchDatabase } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

describe('eventline audit verify against the real PostgreSQL', () => {
  let db: ScratchDatabase;
  let pool: Pool;
  const keyFile = join(mkdtempSync(join(tmpdir(), 'audit-cli-')), 'checkpoint.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const cli = (...args: string[]) => eventlineWith({ DATABASE_URL: db.url, EVENTLINE_CHECKPOINT_KEY_FILE: keyFile }, ...args);

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    pool = createPool({ applicationName: 'audit-cli-test', connectionString: db.url, max: 1 });
    const client = await pool.connect();
    try {
      const events = Array.from({ length: 30 }, (_, n) => decodedTicketAssigned(n % 3 === 0 ? 'globex' : 'acme', n, { partition: n % 2 }));
      await projectAuditEvents(client, events, loadCatalog(), Pseudonyms.fromFile(undefined));
    } finally {
      client.release();
    }
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('reports the chain intact with the rows, chains and rate, then broken after a one-row UPDATE by the owner, naming the row', async () => {
    const unsigned = await cli('audit', 'verify');
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toMatch(/^audit verify: intact: 30 rows in 4 chain\(s\) checked in [\d.]+ s, [\d,]+ rows\/s \(every tenant\); no checkpoint yet/);
    const kafka = createKafkaPort({ brokers: loadStackEndpoints().kafkaBrokers, clientId: 'audit-cli-test' });
    const before = await topicEnd(kafka, 'governance.events.v1');
    const checkpoint = await cli('audit', 'checkpoint');
    expect(checkpoint.stdout).toMatch(/^audit checkpoint \d+: 4 chain head\(s\) signed at \S+ with key [0-9a-f]{16}\npublished as audit.checkpoint_written [0-9a-f-]{36} on governance.events.v1\n$/);
    const eventId = /audit.checkpoint_written ([0-9a-f-]{36})/.exec(checkpoint.stdout)![1];
    const [published] = await readTopicFrom(kafka, 'governance.events.v1', before, 1, (message) => message.headers.event_id === eventId);
    expect(published.key).toBe('eventline-platform');
    expect(parseWireFormat(published.value!).body.toString('latin1')).toContain('globex');
    expect((await cli('audit', 'verify')).stdout).toMatch(/intact: 30 rows .*; against checkpoint \d+ of \S+ \(4 chains, key [0-9a-f]{16}\)\n$/);
    expect((await cli('audit', 'verify', '--tenant', 'globex')).stdout).toMatch(/intact: 10 rows in 2 chain\(s\)/);

    const { rows } = await pool.query<{ id: string; event_id: string }>("SELECT id::text, event_id::text FROM audit_logs WHERE tenant_id = 'acme' AND chain_partition = 1 AND chain_seq = 4");
    await pool.query("UPDATE audit_logs SET actor_id = 'someone-else' WHERE id = $1", [rows[0].id]);
    const broken = await cli('audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      `eventline: the audit chain is broken at row ${rows[0].id} (event_id ${rows[0].event_id}, chain acme@tickets.events.v1/1, chain_seq 4): the row's columns no longer give its hash: the row was changed`,
    );
  });
});
