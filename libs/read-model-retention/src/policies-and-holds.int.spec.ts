import { Pool } from 'pg';
import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { LEGAL_HOLDS_LOCK, listHolds, placeHold, releaseHold } from './legal-holds';
import { selectPolicies, setPolicy, type PolicyInput } from './policies';

describe('retention policies and legal holds against PostgreSQL: what is refused, and why', () => {
  let db: ScratchDatabase;
  let pool: Pool;
  const policy = (change: Partial<PolicyInput>): PolicyInput => ({
    name: 'p',
    tenantId: '*',
    table: 'notifications',
    ageColumn: 'created_at',
    idColumn: 'id',
    maxAgeDays: 30,
    actor: 'dpo',
    ...change,
  });
  const change = { tenantId: 'acme', reason: 'matter 2026-17', actor: 'legal@example.com' };

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('ships the two default policies, and refuses to run one it does not know, listing those it does', async () => {
    expect((await selectPolicies(pool, [])).map((p) => [p.name, p.tenantId, p.table, p.ageColumn, p.idColumn, p.maxAgeDays])).toEqual([
      ['moderation-signals-30d', '*', 'moderation_signals', 'occurred_at', 'event_id', 30],
      ['notifications-180d', '*', 'notifications', 'created_at', 'id', 180],
    ]);
    await expect(selectPolicies(pool, ['notifications-180d', 'nope'])).rejects.toThrow('--policy "nope": no such retention policy (there are: moderation-signals-30d, notifications-180d)');
  });

  it.each([
    [{ table: 'audit_logs' }, '--table "audit_logs": is an audit table: audit tables are append-only evidence and are never deleted by policy'],
    [{ table: 'domain_events' }, '--table "domain_events": is an audit table'],
    [{ table: 'data_retention_audit_logs' }, '--table "data_retention_audit_logs": is an audit table'],
    [{ table: 'outbox' }, '--table "outbox": is not a read model: it holds events on their way to Kafka'],
    [{ table: 'no_such_table' }, '--table "no_such_table": no such table in the public schema'],
    [{ table: 'notification_sends', ageColumn: 'started_at', idColumn: 'notification_id' }, '--table "notification_sends": has no tenant_id column'],
    [{ ageColumn: 'sent_on' }, '--age-column "sent_on": notifications has no such column'],
    [{ ageColumn: 'subject' }, '--age-column "subject": is text, not a timestamp or date'],
    [{ table: 'moderation_signals', ageColumn: 'occurred_at' }, '--id-column "id": moderation_signals has no such column'],
    [{ tenantId: 'acme-*' }, '--tenant "acme-*": must be one exact tenant id'],
    [{ name: 'Bad Name' }, '--name "Bad Name": must be 1-63 characters'],
  ])('refuses the policy %j, naming the field and the reason', async (input, message) => {
    await expect(setPolicy(pool, policy(input))).rejects.toThrow(message);
  });

  it('creates a policy, then changes it in place by name', async () => {
    const first = await setPolicy(pool, policy({ name: 'acme-signals', tenantId: 'acme', table: 'moderation_signals', ageColumn: 'occurred_at', idColumn: 'event_id', maxAgeDays: 7 }));
    const second = await setPolicy(pool, policy({ name: 'acme-signals', tenantId: 'acme', table: 'moderation_signals', ageColumn: 'occurred_at', idColumn: 'event_id', maxAgeDays: 14 }));
    expect([first.created, second.created, second.policy.id === first.policy.id, second.policy.maxAgeDays]).toEqual([true, false, true, 14]);
  });

  it('places one hold per tenant, refuses a second and a removal of none, and keeps released holds as history', async () => {
    const placed = await placeHold(pool, change, async () => undefined);
    await expect(placeHold(pool, change, async () => undefined)).rejects.toThrow(
      `--tenant "acme": is already on legal hold since ${placed.placedAt.toISOString()} (hold ${placed.id}, placed by legal@example.com: "matter 2026-17"); remove it first to place another`,
    );
    await releaseHold(pool, { ...change, reason: 'matter closed' }, async () => undefined);
    await expect(releaseHold(pool, change, async () => undefined)).rejects.toThrow('--tenant "acme": has no legal hold in force, so there is none to remove');
    expect(await listHolds(pool)).toEqual([]);
    expect((await listHolds(pool, { tenantId: 'acme', history: true })).map((h) => [h.reason, h.releaseReason, h.releasedBy])).toEqual([['matter 2026-17', 'matter closed', 'legal@example.com']]);
  });

  it('does not place a hold it could not record, nor take a blank reason', async () => {
    await expect(placeHold(pool, { ...change, tenantId: 'globex' }, async () => Promise.reject(new Error('Kafka is down')))).rejects.toThrow('Kafka is down');
    expect(await listHolds(pool, { tenantId: 'globex', history: true })).toEqual([]);
    await expect(placeHold(pool, { ...change, reason: '  ' }, async () => undefined)).rejects.toThrow('--reason "  ": must say why (a matter or ticket reference); it is blank');
  });

  it('waits for a retention batch in flight before it reports a hold placed', async () => {
    const batch = await pool.connect();
    try {
      await batch.query('BEGIN');
      await batch.query('SELECT pg_advisory_xact_lock_shared($1)', [LEGAL_HOLDS_LOCK]);
      let placed = false;
      const placing = placeHold(pool, { ...change, tenantId: 'globex' }, async () => undefined).then(() => (placed = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(placed).toBe(false);
      await batch.query('COMMIT');
      await placing;
      expect(placed).toBe(true);
    } finally {
      batch.release();
    }
  });
});
