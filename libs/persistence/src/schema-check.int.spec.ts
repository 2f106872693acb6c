import { loadStackEndpoints } from '@eventline/stack-config';
import { migrationsDir, SHIPPED_FILES } from '../test/migration-dirs';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { migrate } from './migrate';
import { assertSchemaCurrent } from './schema-check';
import { folderName, MIGRATION_FOLDERS } from './migration-folders';
import { createPool } from './create-pool';

describe('assertSchemaCurrent against the real PostgreSQL', () => {
  const { databaseUrl } = loadStackEndpoints();
  const shipped = SHIPPED_FILES.map((file) => file.fileName);
  let db: ScratchDatabase;

  beforeEach(async () => {
    db = await createScratchDatabase(databaseUrl);
  });
  afterEach(() => db.drop());

  it('rejects on a database never migrated, naming every shipped migration and telling to run db:migrate', async () => {
    const error = await assertSchemaCurrent(db.url).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`${shipped.length} migration(s) not applied`);
    expect((error as Error).message).toContain(shipped[0].replace(/\.sql$/, ''));
    expect((error as Error).message).toContain('npm run db:migrate');
  });

  it('names only the migrations a partly migrated database lacks', async () => {
    const older = migrationsDir(shipped.slice(0, -2));
    try {
      await migrate(db.url, { dir: older.dir });
    } finally {
      older.remove();
    }
    const missing = SHIPPED_FILES.slice(-2);
    const folders = [...new Set(missing.map((file) => folderName(file.dir)))];
    expect(folders.every((folder) => MIGRATION_FOLDERS.includes(folder))).toBe(true);
    await expect(assertSchemaCurrent(db.url)).rejects.toThrow(`2 migration(s) not applied: ${missing.map((f) => f.name).join(', ')} (in ${folders.join(', ')}).`);
  });

  it('resolves, through a pool, once every shipped migration is applied', async () => {
    await migrate(db.url);
    const pool = createPool({ applicationName: 'schema-check-test', connectionString: db.url, max: 1 });
    try {
      await expect(assertSchemaCurrent(pool)).resolves.toEqual({ latest: SHIPPED_FILES.at(-1)!.name, migrations: SHIPPED_FILES.length });
    } finally {
      await pool.end();
    }
  });
});
