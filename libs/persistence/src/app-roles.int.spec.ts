import { Client } from 'pg';
import { appDatabaseUrl, loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { migrate } from './migrate';

/** What each role may do, table by table: a grant added to a migration fails here until it is added on purpose. */
const EXPECTED_GRANTS: Record<string, Record<string, string>> = {
  eventline_audit_projector: { audit_checkpoints: 'INSERT,SELECT', audit_logs: 'INSERT,SELECT', consumer_offsets: 'INSERT,SELECT,UPDATE', domain_events: 'INSERT,SELECT', pgmigrations: 'SELECT' },
  eventline_ingest_gateway: { api_keys: 'SELECT', pgmigrations: 'SELECT', subject_keys: 'INSERT,SELECT' },
  eventline_moderation_worker: {
    consumer_offsets: 'INSERT,SELECT,UPDATE',
    moderation_blocks: 'DELETE,INSERT,SELECT',
    moderation_cases: 'INSERT,SELECT,UPDATE',
    moderation_signals: 'INSERT,SELECT',
    pgmigrations: 'SELECT',
    subject_keys: 'SELECT',
  },
  eventline_notification_worker: {
    consumer_offsets: 'INSERT,SELECT,UPDATE',
    notification_preferences: 'INSERT,SELECT,UPDATE',
    notification_recipients: 'INSERT,SELECT,UPDATE',
    notification_sends: 'DELETE,INSERT,SELECT,UPDATE',
    notification_suppressions: 'INSERT,SELECT,UPDATE',
    notifications: 'INSERT,SELECT,UPDATE',
    pgmigrations: 'SELECT',
    subject_keys: 'SELECT',
  },
  eventline_outbox_relay: { outbox: 'SELECT,UPDATE', pgmigrations: 'SELECT', subject_keys: 'INSERT,SELECT' },
  eventline_outbox_writer: { outbox: 'INSERT,SELECT', subject_keys: 'INSERT,SELECT' },
  eventline_tenant_reader: Object.fromEntries(
    [
      'audit_logs',
      'data_retention_audit_logs',
      'domain_events',
      'event_categories',
      'legal_holds',
      'moderation_blocks',
      'moderation_cases',
      'moderation_signals',
      'notification_preferences',
      'notification_recipients',
      'notification_suppressions',
      'notifications',
      'retention_policies',
      'system_events',
      'tenant_roles',
      'usage_daily',
      'usage_records',
    ].map((table) => [table, 'SELECT']),
  ),
  eventline_tenant_servers: { tenant_roles: 'SELECT' },
  eventline_usage_projector: { api_keys: 'SELECT', consumer_offsets: 'INSERT,SELECT,UPDATE', pgmigrations: 'SELECT', usage_daily: 'INSERT,SELECT,UPDATE', usage_records: 'INSERT,SELECT,UPDATE' },
};

describe('app roles after the migrations (a scratch database)', () => {
  let scratch: ScratchDatabase;
  let owner: Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(scratch.url);
    owner = new Client({ connectionString: scratch.url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await scratch?.drop();
  });

  it('hold exactly the table privileges each app needs', async () => {
    const { rows } = await owner.query<{ grantee: string; table_name: string; privileges: string }>(
      `SELECT grantee, table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
         FROM information_schema.role_table_grants WHERE grantee LIKE 'eventline\\_%' AND table_schema = 'public' GROUP BY 1, 2`,
    );
    const actual: Record<string, Record<string, string>> = {};
    for (const row of rows) (actual[row.grantee] ??= {})[row.table_name] = row.privileges;
    expect(actual).toEqual(EXPECTED_GRANTS);
  });

  it('lets the audit projector change no audit row: UPDATE and DELETE are refused by privilege, before the trigger', async () => {
    const projector = new Client({ connectionString: appDatabaseUrl('audit-projector', scratch.url, {}) });
    await projector.connect();
    try {
      for (const sql of ['UPDATE audit_logs SET action = action', 'DELETE FROM domain_events', 'TRUNCATE audit_checkpoints']) {
        await expect(projector.query(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/^permission denied for table/) });
      }
    } finally {
      await projector.end();
    }
  });
});
