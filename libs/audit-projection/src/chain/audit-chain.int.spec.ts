import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import type { DecodedEvent } from '@eventline/consumer-runtime';
import { createPool, migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { decodedTicketAssigned } from '../testing';
import { auditLogRow } from '../audit-rows';
import { Pseudonyms } from '../pii/pseudonyms';
import { projectAuditEvents } from '../project-audit';
import { classifyError } from '@eventline/consumer-runtime';
import { chainRows, type ChainedAuditRow } from './audit-chain';
import { chainRace } from './chain-race';
import { loadCheckpointKey, writeCheckpoint } from './checkpoint';
import { verifyAuditChain } from './verify-chain';

const catalog = loadCatalog();
const pseudonyms = Pseudonyms.fromFile(undefined);

/** Projects each batch in its own transaction, as the runtime does per partition batch. */
async function project(pool: Pool, batches: DecodedEvent[][]): Promise<void> {
  for (const batch of batches) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await projectAuditEvents(client, batch, catalog, pseudonyms);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }
}

/** Two tenants on two partitions each: four chains of 12 rows (past 10, where text order and number order part), in batches of mixed tenants. */
function events(): DecodedEvent[][] {
  const partition = (p: number) => Array.from({ length: 24 }, (_, n) => decodedTicketAssigned(n % 2 === 0 ? 'tenant-a' : 'tenant-b', n, { partition: p, offset: n }));
  const [p0, p1] = [partition(0), partition(1)];
  return [p0.slice(0, 4), p1.slice(0, 7), p0.slice(4), p1.slice(7)];
}

const rowOf = async (pool: Pool, tenant: string, partition: number, seq: number) =>
  (await pool.query<{ id: string; event_id: string }>('SELECT id::text, event_id::text FROM audit_logs WHERE tenant_id = $1 AND chain_partition = $2 AND chain_seq = $3', [tenant, partition, seq]))
    .rows[0];

describe('the audit hash chain against the real PostgreSQL', () => {
  const { databaseUrl } = loadStackEndpoints();
  let db: ScratchDatabase;
  let pool: Pool;
  let batches: DecodedEvent[][];

  beforeEach(async () => {
    db = await createScratchDatabase(databaseUrl);
    await migrate(db.url);
    pool = createPool({ applicationName: 'audit-chain-test', connectionString: db.url, max: 2 });
    batches = events();
    await project(pool, batches);
  });
  afterEach(async () => {
    await pool.end();
    await db.drop();
  });

  it('links every row in projection order, one chain per tenant and partition, and verifies intact', async () => {
    const { rows } = await pool.query('SELECT tenant_id, chain_partition, count(*)::int AS n, max(chain_seq)::int AS last FROM audit_logs GROUP BY 1, 2 ORDER BY 1, 2');
    expect(rows).toEqual([
      { tenant_id: 'tenant-a', chain_partition: 0, n: 12, last: 12 },
      { tenant_id: 'tenant-a', chain_partition: 1, n: 12, last: 12 },
      { tenant_id: 'tenant-b', chain_partition: 0, n: 12, last: 12 },
      { tenant_id: 'tenant-b', chain_partition: 1, n: 12, last: 12 },
    ]);
    expect(await verifyAuditChain(pool, { pageSize: 5 })).toMatchObject({ rows: 48, chains: 4, broken: undefined });
    expect(await verifyAuditChain(pool, { tenant: 'tenant-b' })).toMatchObject({ rows: 24, chains: 2, broken: undefined });
  });

  it('adds nothing, names the events as projected before, and stays intact when a batch is delivered again', async () => {
    const client = await pool.connect();
    try {
      const again = await projectAuditEvents(client, batches[2], catalog, pseudonyms);
      expect(again).toMatchObject({ domainEvents: 0, auditLogs: 0 });
      expect(again.alreadyProjected.map((event) => event.eventId)).toEqual(batches[2].map((event) => event.eventId));
    } finally {
      client.release();
    }
    expect(await verifyAuditChain(pool)).toMatchObject({ rows: 48, broken: undefined });
  });

  it('reproduces the same ids and hashes when the same events are projected into another database', async () => {
    const other = await createScratchDatabase(databaseUrl);
    const otherPool = createPool({ applicationName: 'audit-chain-test', connectionString: other.url, max: 1 });
    try {
      await migrate(other.url);
      await project(otherPool, batches);
      const chain = 'SELECT id, encode(hash, $$hex$$) AS hash FROM audit_logs ORDER BY tenant_id, chain_partition, chain_seq';
      expect((await otherPool.query(chain)).rows).toEqual((await pool.query(chain)).rows);
    } finally {
      await otherPool.end();
      await other.drop();
    }
  });

  it('refuses a second writer extending the same chain at once, as a transient failure its retry resolves', async () => {
    const [first, second] = [await pool.connect(), await pool.connect()];
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await projectAuditEvents(first, [decodedTicketAssigned('tenant-a', 60, { partition: 0, offset: 60 })], catalog, pseudonyms);
      // The second read the same head; its insert waits for the first's commit, then fails on audit_logs_chain.
      const racing = projectAuditEvents(second, [decodedTicketAssigned('tenant-a', 61, { partition: 0, offset: 61 })], catalog, pseudonyms).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      const error = await racing;
      expect(error).toMatchObject({ code: '23505', constraint: 'audit_logs_chain' });
      expect(classifyError(error, [chainRace])).toBe('transient');
      expect(classifyError(error)).toBe('permanent');
      await second.query('ROLLBACK');
    } finally {
      first.release();
      second.release();
    }
    await project(pool, [[decodedTicketAssigned('tenant-a', 61, { partition: 0, offset: 61 })]]);
    expect(await verifyAuditChain(pool)).toMatchObject({ rows: 50, broken: undefined });
  });

  it('detects a changed metadata value, naming the row', async () => {
    const target = await rowOf(pool, 'tenant-a', 1, 3);
    await pool.query(`UPDATE audit_logs SET metadata = jsonb_set(metadata, '{newAssigneeId}', '"mallory"') WHERE id = $1`, [target.id]);
    expect((await verifyAuditChain(pool)).broken).toEqual({ ...target, chain: 'tenant-a@tickets.events.v1/1', seq: '3', reason: "the row's columns no longer give its hash: the row was changed" });
  });

  it('detects a deleted row at the row after it', async () => {
    const deleted = await rowOf(pool, 'tenant-b', 0, 2);
    const next = await rowOf(pool, 'tenant-b', 0, 3);
    await pool.query('DELETE FROM audit_logs WHERE id = $1', [deleted.id]);
    expect((await verifyAuditChain(pool)).broken).toMatchObject({ ...next, reason: 'chain_seq 3 follows 1: a row is missing or was inserted before it' });
  });

  it('detects a row inserted in the middle with a correct link of its own, at the row it displaced', async () => {
    const displaced = await rowOf(pool, 'tenant-a', 0, 3);
    // The forger renumbers the rest of the chain and links a forged row onto row 2 properly.
    await pool.query(`UPDATE audit_logs SET chain_seq = chain_seq + 100 WHERE tenant_id = 'tenant-a' AND chain_partition = 0 AND chain_seq >= 3`);
    await pool.query(`UPDATE audit_logs SET chain_seq = chain_seq - 99 WHERE tenant_id = 'tenant-a' AND chain_partition = 0 AND chain_seq >= 100`);
    const forged = decodedTicketAssigned('tenant-a', 99, { partition: 0, offset: 99 });
    const { rows } = await pool.query("SELECT chain_seq::text AS seq, hash FROM audit_logs WHERE tenant_id = 'tenant-a' AND chain_partition = 0 AND chain_seq = 2");
    const [link] = chainRows(
      [{ ...auditLogRow(forged, catalog, pseudonyms), chain_topic: 'tickets.events.v1', chain_partition: 0 }],
      new Map([['tenant-a@tickets.events.v1/0', { seq: 2n, hash: rows[0].hash }]]),
    );
    await pool.query(
      `INSERT INTO audit_logs (id, event_id, tenant_id, actor_id, action, entity_type, entity_id, metadata, occurred_at, source, input_tokens, output_tokens, chain_topic, chain_partition, chain_seq, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        link.id,
        link.event_id,
        link.tenant_id,
        link.actor_id,
        link.action,
        link.entity_type,
        link.entity_id,
        link.metadata,
        link.occurred_at,
        link.source,
        link.input_tokens,
        link.output_tokens,
        link.chain_topic,
        link.chain_partition,
        link.chain_seq,
        link.prev_hash,
        link.hash,
      ],
    );
    expect((await verifyAuditChain(pool)).broken).toMatchObject({ ...displaced, seq: '4', reason: "the row's columns no longer give its hash: the row was changed" });
  });

  it('detects a row written outside the projection, without a link', async () => {
    await pool.query(`INSERT INTO audit_logs (event_id, tenant_id, actor_id, action, occurred_at, source) VALUES (gen_random_uuid(), 'tenant-a', 'mallory', 'TICKET_ASSIGNED', now(), 'forged')`);
    expect((await verifyAuditChain(pool)).broken).toMatchObject({ reason: expect.stringMatching(/^the row carries no chain link/) });
  });

  it('with --from, verifies each chain from its first row at or after that time', async () => {
    const { rows } = await pool.query<{ at: Date }>("SELECT occurred_at AS at FROM audit_logs WHERE tenant_id = 'tenant-a' AND chain_partition = 0 AND chain_seq = 4");
    const early = await rowOf(pool, 'tenant-a', 0, 1);
    await pool.query(`UPDATE audit_logs SET metadata = '{}' WHERE id = $1`, [early.id]);
    const verified = await verifyAuditChain(pool, { from: rows[0].at });
    expect(verified.broken).toBeUndefined();
    expect(verified.rows).toBeLessThan(48);
    expect(verified.rows).toBeGreaterThan(0);
  });

  describe('against a signed checkpoint', () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'checkpoint-key-')), 'key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const key = loadCheckpointKey(keyFile);

    it('stays intact when rows were added after it', async () => {
      await writeCheckpoint(pool, key);
      await project(pool, [[decodedTicketAssigned('tenant-a', 50, { partition: 0, offset: 50 })]]);
      expect(await verifyAuditChain(pool, { checkpointKey: key })).toMatchObject({ rows: 49, broken: undefined, checkpoint: { chains: 4, problem: undefined } });
    });

    it('detects a chain re-computed from a changed row on, which passes without the checkpoint', async () => {
      await writeCheckpoint(pool, key);
      const chain = "tenant_id = 'tenant-b' AND chain_partition = 1";
      const { rows } =
        await pool.query<ChainedAuditRow>(`SELECT id::text, event_id::text, tenant_id, actor_id, action, entity_type, entity_id, metadata, occurred_at, source, assist_mode, model_name, model_version,
        input_tokens, output_tokens, chain_topic, chain_partition, chain_seq::text, prev_hash, hash FROM audit_logs a WHERE ${chain} ORDER BY a.chain_seq`);
      // The forger changes row 3 and re-links every row from it to the head.
      const rewritten = chainRows(
        rows.slice(2).map((row, i) => ({ ...row, actor_id: i === 0 ? 'mallory' : row.actor_id, metadata: canonicalize(row.metadata)! })),
        new Map([['tenant-b@tickets.events.v1/1', { seq: 2n, hash: rows[1].hash }]]),
      );
      for (const row of rewritten) await pool.query('UPDATE audit_logs SET actor_id = $1, prev_hash = $2, hash = $3 WHERE id = $4', [row.actor_id, row.prev_hash, row.hash, row.id]);
      expect((await verifyAuditChain(pool)).broken).toBeUndefined();
      const head = rows[rows.length - 1];
      expect((await verifyAuditChain(pool, { checkpointKey: key })).broken).toMatchObject({
        id: head.id,
        event_id: head.event_id,
        seq: '12',
        reason: expect.stringMatching(/differs from the one checkpoint \d+ signed at .*: the chain was re-computed/),
      });
    });

    it('detects rows deleted at the end of a chain', async () => {
      await writeCheckpoint(pool, key);
      await pool.query("DELETE FROM audit_logs WHERE tenant_id = 'tenant-a' AND chain_partition = 1 AND chain_seq > 10");
      expect((await verifyAuditChain(pool, { checkpointKey: key })).broken).toMatchObject({
        seq: '10',
        reason: expect.stringMatching(/ends at chain_seq 10, but checkpoint \d+ .* signed chain_seq 12: rows at its end were deleted$/),
      });
    });

    it('refuses a checkpoint whose heads were changed, or one signed with another key', async () => {
      await writeCheckpoint(pool, key);
      await pool.query(`UPDATE audit_checkpoints SET heads = jsonb_set(heads, '{0,seq}', '"11"')`);
      expect((await verifyAuditChain(pool, { checkpointKey: key })).checkpoint?.problem).toMatch(/signature does not verify: the checkpoint was changed$/);
      const otherFile = join(mkdtempSync(join(tmpdir(), 'checkpoint-key-')), 'other.pem');
      writeFileSync(otherFile, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
      expect((await verifyAuditChain(pool, { checkpointKey: loadCheckpointKey(otherFile) })).checkpoint?.problem).toMatch(/was signed with key [0-9a-f]{16}, not with [0-9a-f]{16}/);
    });
  });
});
