import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, exited, startApp } from '@eventline/test-harness';

describe('outbox-relay on a database that was never migrated', () => {
  jest.setTimeout(60_000);

  it('refuses to start, naming the missing migrations and telling to run db:migrate, and migrates nothing', async () => {
    const db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    const logDir = mkdtempSync(join(tmpdir(), 'relay-schema-'));
    try {
      const relay = startApp('apps/outbox-relay/src/main.ts', { DATABASE_URL: db.url, LOG_LEVEL: 'error' }, join(logDir, 'relay.log'));
      await exited(relay);
      const output = readFileSync(join(logDir, 'relay.log'), 'utf8');
      expect(relay.exitCode).not.toBe(0);
      expect(output).toMatch(/not current: \d+ migration\(s\) not applied: 1764000000000_outbox, /);
      expect(output).toContain('npm run db:migrate');
    } finally {
      rmSync(logDir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
