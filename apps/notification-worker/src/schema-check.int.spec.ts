import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, exited, startApp } from '@eventline/test-harness';

describe('notification-worker on a database that was never migrated', () => {
  jest.setTimeout(60_000);

  it('refuses to start, naming the missing migrations and telling to run db:migrate, and migrates nothing', async () => {
    const db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    const logDir = mkdtempSync(join(tmpdir(), 'worker-schema-'));
    try {
      const worker = startApp('apps/notification-worker/src/main.ts', { DATABASE_URL: db.url, LOG_LEVEL: 'error' }, join(logDir, 'worker.log'));
      await exited(worker);
      const output = readFileSync(join(logDir, 'worker.log'), 'utf8');
      expect(worker.exitCode).not.toBe(0);
      expect(output).toMatch(/not current: \d+ migration\(s\) not applied: 1764000000000_outbox, /);
      expect(output).toContain('npm run db:migrate');
    } finally {
      rmSync(logDir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
