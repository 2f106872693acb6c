import { Pool } from 'pg';
import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { purgeSubjectCopies, REDACTED } from './purge-subject-copies';

describe('purgeSubjectCopies against PostgreSQL: the opened copies of one subject of two', () => {
  const ana = { tenantId: 'acme', subjectId: 'u-ana', subjectRef: 'a'.repeat(32) };
  let db: ScratchDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    pool = new Pool({ connectionString: db.url, max: 1 });
    const notify = (recipient: string, address: string | null, body: string, refs: string[], status = 'sent') =>
      pool.query(
        `INSERT INTO notifications (tenant_id, event_id, event_type, recipient_id, channel, address, entity_id, subject, body, status, subject_refs)
         VALUES ('acme', gen_random_uuid(), 'X', $1, $2, $3, $3, 'Hello', $4, $5, $6)`,
        [recipient, address ? 'email' : 'in_app', address, body, status, refs],
      );
    await notify('ana@example.com', 'ana@example.com', 'sealed for ana, sent', [ana.subjectRef]);
    await notify('ana@example.com', 'ana@example.com', 'sealed for ana, not sent yet', [ana.subjectRef], 'pending');
    await notify('u-ana', null, 'addressed to ana', []);
    await notify('bo@example.com', 'bo@example.com', 'sealed for bo', ['b'.repeat(32)]);
    await pool.query("INSERT INTO notification_recipients (tenant_id, recipient_id, email) VALUES ('acme', 'u-ana', 'ana@example.com'), ('acme', 'u-bo', 'bo@example.com')");
    await pool.query("INSERT INTO notification_preferences (tenant_id, recipient_id, channel, enabled) VALUES ('acme', 'u-ana', 'email', false), ('acme', 'u-bo', 'email', false)");
    await pool.query("INSERT INTO notification_suppressions (tenant_id, address, reason) VALUES ('acme', 'ana@example.com', 'unsubscribed')");
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('redacts the notifications sealed for or addressed to the subject, removes its contact and preferences, and keeps its suppression', async () => {
    const client = await pool.connect();
    try {
      expect(await purgeSubjectCopies(client, ana)).toEqual({ notificationsRedacted: 3, directoryEntriesRemoved: 1, preferencesRemoved: 1 });
      expect(await purgeSubjectCopies(client, ana)).toEqual({ notificationsRedacted: 0, directoryEntriesRemoved: 0, preferencesRemoved: 0 });
    } finally {
      client.release();
    }
    const { rows } = await pool.query(
      "SELECT regexp_replace(recipient_id, '[0-9a-f-]{36}$', '<id>') AS recipient, address, entity_id, subject, body, status FROM notifications ORDER BY status, recipient_id",
    );
    expect(rows).toEqual([
      { recipient: 'bo@example.com', address: 'bo@example.com', entity_id: 'bo@example.com', subject: 'Hello', body: 'sealed for bo', status: 'sent' },
      { recipient: 'erased:<id>', address: null, entity_id: null, subject: REDACTED, body: REDACTED, status: 'sent' },
      { recipient: 'u-ana', address: null, entity_id: null, subject: REDACTED, body: REDACTED, status: 'sent' },
      { recipient: 'erased:<id>', address: null, entity_id: null, subject: REDACTED, body: REDACTED, status: 'suppressed' },
    ]);
    expect((await pool.query('SELECT recipient_id FROM notification_recipients')).rows).toEqual([{ recipient_id: 'u-bo' }]);
    expect((await pool.query('SELECT recipient_id FROM notification_preferences')).rows).toEqual([{ recipient_id: 'u-bo' }]);
    expect((await pool.query('SELECT address FROM notification_suppressions')).rows).toEqual([{ address: 'ana@example.com' }]);
  });
});
