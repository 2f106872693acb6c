import { PG_MIGRATE_LOCK_ID } from 'node-pg-migrate';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { loadStackEndpoints } from '@eventline/stack-config';
import { migrationsDir, migrateWithoutChecksums, SHIPPED_FILES } from '../test/migration-dirs';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { migrate } from './migrate';
import { CHECKSUMS_TABLE } from './migration-records';

const SHIPPED = SHIPPED_FILES.map((file) => file.name);
const NEW_FILE = '1764000000900_widgets.sql';

describe('migrate against the real PostgreSQL', () => {
  const { databaseUrl } = loadStackEndpoints();
  let db: ScratchDatabase;
  let folder: ReturnType<typeof migrationsDir>;

  beforeEach(async () => {
    db = await createScratchDatabase(databaseUrl);
    folder = migrationsDir(SHIPPED_FILES.map((file) => file.fileName));
  });
  afterEach(async () => {
    await db.drop();
    folder.remove();
  });

  async function query<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  const appliedNames = async () => (await query<{ name: string }>('SELECT name FROM pgmigrations ORDER BY id')).map((r) => r.name);
  const tableExists = async (table: string) => (await query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]))[0].present;

  it('applies every shipped migration once, in order, and a second run applies nothing', async () => {
    expect(await migrate(db.url)).toEqual(SHIPPED);
    expect(await migrate(db.url)).toEqual([]);
    expect(await appliedNames()).toEqual(SHIPPED);
    expect(await tableExists('consumer_offsets')).toBe(true);
  });

  it('applies each migration exactly once when several migrations run together on an empty database', async () => {
    const results = await Promise.all([1, 2, 3].map(() => migrate(db.url)));
    expect(results.flat().sort()).toEqual(SHIPPED);
    expect(await appliedNames()).toEqual(SHIPPED);
  });

  it('refuses to migrate when an applied migration file changed, naming the file and applying nothing', async () => {
    await migrate(db.url, { dir: folder.dir });
    appendFileSync(join(folder.dir, '1764000000002_consumer-offsets.sql'), '\nCREATE INDEX consumer_offsets_group ON consumer_offsets (group_id);\n');
    writeFileSync(join(folder.dir, NEW_FILE), '-- Up Migration\nCREATE TABLE widgets (id integer PRIMARY KEY);\n');

    await expect(migrate(db.url, { dir: folder.dir })).rejects.toThrow(/1764000000002_consumer-offsets\.sql.*Nothing was applied/);
    expect(await appliedNames()).toEqual(SHIPPED);
    expect(await tableExists('widgets')).toBe(false);
  });

  it('applies a new migration file and records its checksum', async () => {
    await migrate(db.url, { dir: folder.dir });
    writeFileSync(join(folder.dir, NEW_FILE), '-- Up Migration\nCREATE TABLE widgets (id integer PRIMARY KEY);\n');

    expect(await migrate(db.url, { dir: folder.dir })).toEqual(['1764000000900_widgets']);
    expect(await tableExists('widgets')).toBe(true);
    const [row] = await query<{ sha256: string }>(`SELECT sha256 FROM ${CHECKSUMS_TABLE} WHERE name = '1764000000900_widgets'`);
    expect(row.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(folder.dir, NEW_FILE)))
        .digest('hex'),
    );
  });

  it('records the checksums of migrations applied before checksums were kept, says so, and guards them from then on', async () => {
    await migrateWithoutChecksums(db.url, folder.dir);
    const logged: string[] = [];

    expect(await migrate(db.url, { dir: folder.dir, log: (line) => logged.push(line) })).toEqual([]);
    expect(logged).toContainEqual(expect.stringMatching(new RegExp(`recorded the checksums of ${SHIPPED.length} migration\\(s\\) applied before checksums were kept`)));
    expect(await query(`SELECT name FROM ${CHECKSUMS_TABLE}`)).toHaveLength(SHIPPED.length);

    appendFileSync(join(folder.dir, '1764000000001_api-keys.sql'), '\n-- an edit\n');
    await expect(migrate(db.url, { dir: folder.dir })).rejects.toThrow(/1764000000001_api-keys\.sql/);
  });

  it('gives up with a clear error when another migration holds the lock for longer than it waits', async () => {
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PG_MIGRATE_LOCK_ID]);
      await expect(migrate(db.url, { waitForLockMs: 300 })).rejects.toThrow('another migration held the migration lock for more than 300 ms');
      expect(await tableExists('pgmigrations')).toBe(false);
    } finally {
      await holder.end();
    }
  });
});
