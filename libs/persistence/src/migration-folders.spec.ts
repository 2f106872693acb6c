import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listMigrationFiles } from './migration-files';
import { folderName, MIGRATION_FOLDERS, migrationDirs } from './migration-folders';

/** The 22 migrations as they were in libs/persistence/migrations before each moved beside its tables' code, with the first 12 hex digits of their sha256. */
const BEFORE_THE_MOVE: Record<string, string> = {
  '1764000000000_outbox.sql': 'e214c41e105b',
  '1764000000001_api-keys.sql': '559136772520',
  '1764000000002_consumer-offsets.sql': 'f4d078215e9a',
  '1764000000003_audit-projection.sql': '325cfdaab5a1',
  '1764000000010_usage-records.sql': 'c86a6cc1c6ef',
  '1764000000020_notifications.sql': '6f2404318599',
  '1764000000030_moderation.sql': 'f22d1174ce25',
  '1764000000040_outbox-failed-at.sql': 'ca703e77fdb9',
  '1764000000041_consumer-offsets-cluster-key.sql': 'b72eb7e3f4c9',
  '1764000000042_tenant-roles-own-binding.sql': 'ba8287b9ce64',
  '1764000000050_notification-sends.sql': '62194c7fe519',
  '1764000000060_audit-hash-chain.sql': 'ec6b230cd4ee',
  '1764000000061_audit-checkpoints.sql': 'f5ef2da3dd56',
  '1764000000062_audit-append-only.sql': 'af3ab6be229c',
  '1764000000070_app-roles.sql': '3acc55fbfa95',
  '1764000000071_api-key-scopes.sql': '8e47110ea3e9',
  '1764000000072_subject-keys.sql': '704decb244b2',
  '1764000000073_domain-events-pii-sealed.sql': 'c09538730372',
  '1764000000074_subject-keys-relay.sql': 'b7b33aabca90',
  '1764000000075_notification-subject-refs.sql': '669c280eb0ca',
  '1764000000080_read-model-retention.sql': '8c564aae5437',
  '1764000000081_notification-subject-refs-backfill.sql': '22b5f0bf1b9b',
};
/** The last migration before the move: every later one was written into the folder of the code that owns it. */
const LAST_BEFORE_THE_MOVE = '1764000000081';

describe('the registered migration folders', () => {
  const files = listMigrationFiles();
  const before = files.filter((f) => f.name.split('_')[0] <= LAST_BEFORE_THE_MOVE);

  it('each hold migrations, and together exactly those of before the move (same names, same bytes) and later ones', () => {
    for (const dir of migrationDirs()) expect([folderName(dir), listMigrationFiles(dir).length > 0]).toEqual([folderName(dir), true]);
    expect(before).toHaveLength(22);
    expect(before.map((f) => f.fileName)).toEqual(Object.keys(BEFORE_THE_MOVE));
    expect(Object.fromEntries(before.map((f) => [f.fileName, f.sha256.slice(0, 12)]))).toEqual(BEFORE_THE_MOVE);
    expect(files.map((f) => f.fileName)).toContain('1764000000082_system-events.sql');
  });

  it('give one order, by timestamp prefix, with no name or prefix twice', () => {
    const names = files.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(names.map((name) => name.split('_')[0])).size).toBe(names.length);
    expect(names).toEqual([...names].sort());
  });

  it('are named relative to the workspace root, once each', () => {
    expect(new Set(MIGRATION_FOLDERS).size).toBe(MIGRATION_FOLDERS.length);
    expect(migrationDirs().map(folderName)).toEqual(MIGRATION_FOLDERS);
  });
});

describe('listMigrationFiles over several folders', () => {
  let root: string;
  const folder = (name: string, files: Record<string, string>): string => {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    return dir;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'eventline-folders-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('merges them into one order by prefix, whatever folder each file is in, skipping dot files', () => {
    const a = folder('a', { '0003_c.sql': 'c', '0001_a.sql': 'a', '.keep': '' });
    const b = folder('b', { '0002_b.sql': 'b' });
    expect(listMigrationFiles([a, b]).map((f) => [f.name, f.dir])).toEqual([
      ['0001_a', a],
      ['0002_b', b],
      ['0003_c', a],
    ]);
  });

  it('refuses one name in two folders, naming both files', () => {
    const a = folder('a', { '0001_same.sql': 'a' });
    const b = folder('b', { '0001_same.sql': 'b' });
    expect(() => listMigrationFiles([a, b])).toThrow(`two migrations share the name 0001_same: ${join(a, '0001_same.sql')} and ${join(b, '0001_same.sql')}`);
  });

  it('refuses one timestamp prefix for two migrations, whose order would then be up to their names', () => {
    const a = folder('a', { '0001_first.sql': 'a' });
    const b = folder('b', { '0001_second.sql': 'b' });
    expect(() => listMigrationFiles([a, b])).toThrow(/two migrations share the number 1: .*0001_first\.sql and .*0001_second\.sql/);
  });

  it('refuses a file without a timestamp prefix, and a folder that is not there', () => {
    expect(() => listMigrationFiles(folder('a', { 'widgets.sql': '' }))).toThrow(/widgets\.sql has no timestamp prefix/);
    expect(() => listMigrationFiles(join(root, 'missing'))).toThrow(`migration folder ${join(root, 'missing')} does not exist`);
  });
});
