import { freePort } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

// Commands that hold a database connection, against a PostgreSQL that is not there (a restart, a
// wrong port): one line naming the server and the reason, exit 1, no stack trace.
describe('eventline commands while PostgreSQL is unavailable', () => {
  jest.setTimeout(120_000);
  let where: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    where = `127.0.0.1:${await freePort()}/eventline`;
    env = { DATABASE_URL: `postgres://postgres:secret@${where}` };
  });

  it.each([[['keys', 'list']], [['moderation', 'cases']], [['usage', 'kpis', '--tenant', 'acme']], [['db', 'migrate']]])('eventline %p says so in one line and exits 1', async (args) => {
    const run = await eventlineWith(env, ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `eventline: PostgreSQL at ${where} is not available (connect ECONNREFUSED ${where.split('/')[0]}). Start it (npm run stack:up) or check DATABASE_URL, then run the command again.\n`,
    );
    expect(run.stderr).not.toContain('secret');
  });
});
