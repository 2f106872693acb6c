import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, runToExit } from '@eventline/test-harness';

describe('outbox-relay on a database that was never migrated', () => {
  jest.setTimeout(60_000);

  it('refuses to start, naming the missing migrations and telling to run db:migrate, and migrates nothing', async () => {
    const db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    try {
      const relay = await runToExit('apps/outbox-relay/src/main.ts', { DATABASE_URL: db.url, LOG_LEVEL: 'error' });
      expect(relay.exitCode).not.toBe(0);
      expect(relay.output).toMatch(/not current: \d+ migration\(s\) not applied: 1764000000000_outbox, /);
      expect(relay.output).toContain('npm run db:migrate');
      expect(await db.tables()).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
