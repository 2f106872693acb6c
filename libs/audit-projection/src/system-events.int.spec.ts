import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { decodedEvent, type DecodedEvent } from '@eventline/consumer-runtime';
import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { asTenant, bindTenantRole, tenantRoleName } from '@eventline/tenant-access';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { writeEventCategories } from './event-categories';
import { Pseudonyms } from './pii/pseudonyms';
import { projectAuditEvents } from './project-audit';

/** Seed 003's four example queries ("Querying Events"), exactly as the seed writes them. */
const SEED_QUERIES = {
  userActivity: `SELECT * FROM system_events
WHERE principal_id = 'user-uuid'
ORDER BY timestamp DESC;`,
  failedPublishing: `SELECT * FROM system_events
WHERE event_type = 'schedule'
  AND event_name = 'SCHEDULE_FAILED'
  AND timestamp > NOW() - INTERVAL '24 hours';`,
  postsPerUser: `SELECT principal_id, COUNT(*) as post_count
FROM system_events
WHERE event_name = 'POST_CREATED'
  AND timestamp > NOW() - INTERVAL '30 days'
GROUP BY principal_id
ORDER BY post_count DESC;`,
  oauthGrowth: `SELECT DATE(timestamp) as date, COUNT(*) as registrations
FROM system_events
WHERE event_name = 'USER_REGISTERED_VIA_OAUTH'
  AND timestamp > NOW() - INTERVAL '90 days'
GROUP BY DATE(timestamp)
ORDER BY date;`,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Noon UTC `days` ago: the same calendar day in the session's time zone, whichever it is (within ±11 h). */
const noonDaysAgo = (days: number) => Math.floor(Date.now() / DAY) * DAY - days * DAY + 12 * HOUR;
const localDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

const PAYLOADS: Record<string, (n: number) => Record<string, unknown>> = {
  USER_REGISTERED_VIA_OAUTH: () => ({ provider: 'google', is_root: false }),
  POST_CREATED: (n) => ({ title: `Post ${n}`, tags: ['launch'], post_status: 'draft' }),
  SCHEDULE_FAILED: (n) => ({ attempt_count: n, error: 'rate limited', will_retry: true, status: 'failed', error_message: 'rate limited' }),
};
const ENTITY_TYPES: Record<string, string> = { USER_REGISTERED_VIA_OAUTH: 'user', POST_CREATED: 'post', SCHEDULE_FAILED: 'schedule' };
const TOPICS: Record<string, string> = { USER_REGISTERED_VIA_OAUTH: 'auth.events.v1', POST_CREATED: 'posts.events.v1', SCHEDULE_FAILED: 'schedules.events.v1' };

let offset = 0;
function event(tenant: string, eventType: string, actor: string, occurredAt: number): DecodedEvent {
  const eventId = randomUUID();
  const n = ++offset;
  const entityId = eventType === 'USER_REGISTERED_VIA_OAUTH' ? actor : `${ENTITY_TYPES[eventType]}-${n}`;
  const payload = { status: 'success', error_message: null, ip_address: null, user_agent: null, ...PAYLOADS[eventType](n) };
  return decodedEvent({
    eventType,
    eventId,
    tenantId: tenant,
    schemaId: 1,
    envelope: {
      event_id: eventId,
      event_type: eventType,
      occurred_at: occurredAt,
      tenant_id: tenant,
      actor: { id: actor, type: 'user' },
      entity_type: ENTITY_TYPES[eventType],
      entity_id: entityId,
      source: 'luxaris-api',
      schema_version: '1',
      correlation_id: null,
      causation_id: null,
      confidence: null,
      model: null,
      pii_sealed: null,
      payload,
    },
    message: { topic: TOPICS[eventType], partition: 0, offset: String(n), key: tenant, value: null, headers: {}, timestamp: Date.now() },
  });
}

describe("seed 003's system_events, a view over domain_events (a scratch database)", () => {
  const tenantA = `tenant-a-${randomUUID().slice(0, 8)}`;
  const tenantB = `tenant-b-${randomUUID().slice(0, 8)}`;
  const now = Date.now();
  // Tenant A: user-uuid and user-2. Tenant B: user-uuid too, with more of everything; RLS must hide it from A.
  const eventsA = [
    event(tenantA, 'USER_REGISTERED_VIA_OAUTH', 'user-uuid', noonDaysAgo(2)),
    event(tenantA, 'USER_REGISTERED_VIA_OAUTH', 'user-2', noonDaysAgo(2)),
    event(tenantA, 'USER_REGISTERED_VIA_OAUTH', 'user-3', noonDaysAgo(10)),
    event(tenantA, 'USER_REGISTERED_VIA_OAUTH', 'user-4', noonDaysAgo(100)),
    event(tenantA, 'POST_CREATED', 'user-uuid', now - DAY),
    event(tenantA, 'POST_CREATED', 'user-uuid', now - 3 * HOUR),
    event(tenantA, 'POST_CREATED', 'user-2', now - 5 * DAY),
    event(tenantA, 'POST_CREATED', 'user-2', now - 40 * DAY),
    event(tenantA, 'SCHEDULE_FAILED', 'user-uuid', now - 2 * HOUR),
    event(tenantA, 'SCHEDULE_FAILED', 'user-2', now - 30 * HOUR),
  ];
  const eventsB = [
    event(tenantB, 'USER_REGISTERED_VIA_OAUTH', 'user-uuid', noonDaysAgo(2)),
    ...[1, 2, 3].map((n) => event(tenantB, 'POST_CREATED', 'user-uuid', now - n * HOUR)),
    event(tenantB, 'SCHEDULE_FAILED', 'user-uuid', now - HOUR),
  ];
  let db: ScratchDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    pool = new Pool({ connectionString: db.url, max: 2 });
    const catalog = loadCatalog();
    expect(await writeEventCategories(pool, catalog)).toBe(catalog.events.length);
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await projectAuditEvents(tx, [...eventsA, ...eventsB], catalog, Pseudonyms.fromFile(undefined));
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
    await bindTenantRole(pool, tenantA);
    await bindTenantRole(pool, tenantB);
  }, 30_000);

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    const admin = new Client({ connectionString: loadStackEndpoints().databaseUrl });
    await admin.connect();
    try {
      for (const tenant of [tenantA, tenantB]) await admin.query(`DROP ROLE IF EXISTS ${tenantRoleName(tenant)}`);
    } finally {
      await admin.end();
    }
  });

  const asA = (sql: string) => asTenant(pool, tenantA, async (client) => (await client.query(sql)).rows);
  const idsOf = (events: DecodedEvent[]) => events.map((e) => e.eventId);

  it("answers the seed's user activity query with the tenant's events of that principal, newest first, in the seed's columns", async () => {
    const rows = await asA(SEED_QUERIES.userActivity);
    expect(rows.map((row) => row.id)).toEqual(idsOf([eventsA[8], eventsA[5], eventsA[4], eventsA[0]]));
    expect(rows[0]).toEqual({
      id: eventsA[8].eventId,
      tenant_id: tenantA,
      event_type: 'schedule',
      event_name: 'SCHEDULE_FAILED',
      principal_id: 'user-uuid',
      principal_type: 'user',
      resource_type: 'schedule',
      resource_id: 'schedule-9',
      status: 'failed',
      metadata: { attempt_count: 9, error: 'rate limited', will_retry: true, error_message: 'rate limited' },
      timestamp: new Date(now - 2 * HOUR),
    });
    expect(rows.map((row) => row.event_type)).toEqual(['schedule', 'post', 'post', 'auth']);
  });

  it("answers the failed publishing query with the last 24 hours' SCHEDULE_FAILED of category schedule", async () => {
    expect((await asA(SEED_QUERIES.failedPublishing)).map((row) => row.id)).toEqual(idsOf([eventsA[8]]));
  });

  it('counts the posts created per principal in the last 30 days, most first', async () => {
    expect(await asA(SEED_QUERIES.postsPerUser)).toEqual([
      { principal_id: 'user-uuid', post_count: '2' },
      { principal_id: 'user-2', post_count: '1' },
    ]);
  });

  it('counts the OAuth registrations of the last 90 days per day, oldest first', async () => {
    const rows = await asA(SEED_QUERIES.oauthGrowth);
    expect(rows.map((row) => [localDay(row.date as Date), row.registrations])).toEqual([
      [utcDay(noonDaysAgo(10)), '1'],
      [utcDay(noonDaysAgo(2)), '2'],
    ]);
  });

  it("keeps another tenant's rows out of reach under a tenant's role, as domain_events' row-level security does", async () => {
    const owner = (await pool.query(SEED_QUERIES.userActivity)).rows;
    expect(owner.filter((row) => row.tenant_id === tenantB)).toHaveLength(eventsB.length);
    const asB = await asTenant(pool, tenantB, async (client) => (await client.query(SEED_QUERIES.postsPerUser)).rows);
    expect(asB).toEqual([{ principal_id: 'user-uuid', post_count: '3' }]);
    expect((await asA('SELECT DISTINCT tenant_id FROM system_events')).map((row) => row.tenant_id)).toEqual([tenantA]);
    expect((await asA('SELECT count(*)::int AS n FROM system_events'))[0].n).toBe(eventsA.length);
  });

  it('is a security_invoker view, and a role bound to no tenant reads no row of it', async () => {
    const { rows } = await pool.query(`SELECT reloptions FROM pg_class WHERE relname = 'system_events'`);
    expect(rows[0].reloptions).toContain('security_invoker=true');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE eventline_tenant_reader');
      expect((await client.query('SELECT count(*)::int AS n FROM system_events')).rows[0].n).toBe(0);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
