import { Client } from 'pg';
import { loadStackEndpoints } from '@eventline/stack-config';
import { migrate } from './migrate';

describe('migrations against the real PostgreSQL', () => {
  const { databaseUrl } = loadStackEndpoints();

  it('applies every migration once; a second run applies nothing', async () => {
    await migrate(databaseUrl);
    expect(await migrate(databaseUrl)).toEqual([]);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string }>('SELECT name FROM pgmigrations ORDER BY run_on, id');
      expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['1764000000000_outbox', '1764000000001_api-keys']));
      const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['outbox', 'api_keys']));
    } finally {
      await db.end();
    }
  });

  it('applies each migration exactly once when several apps start together on an empty database', async () => {
    const scratch = `eventline_migrate_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    try {
      const url = new URL(databaseUrl);
      url.pathname = `/${scratch}`;
      const results = await Promise.all([1, 2, 3].map(() => migrate(url.toString())));
      const all = await migrate(url.toString(), undefined, 0);
      expect(all).toEqual([]);
      const applied = results.flat().sort();
      expect(applied).toEqual([...new Set(applied)]);
      expect(applied).toEqual(expect.arrayContaining(['1764000000000_outbox', '1764000000001_api-keys']));
    } finally {
      await admin.query(`DROP DATABASE ${scratch} WITH (FORCE)`);
      await admin.end();
    }
  });
});
