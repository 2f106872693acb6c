import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadStackEndpoints } from '@eventline/stack-config';
import { HISTORY_DIR, migrationsDir, migrateWithoutChecksums, ORIGINAL_MIGRATIONS } from '../test/migration-dirs';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { schemaFingerprint } from '../test/schema-fingerprint';
import { migrate } from './migrate';
import { SUPERSEDED_VERSIONS } from './superseded-versions';

/**
 * The migration files as they were at three commits. A plain name is a file unchanged since that
 * commit (the same git blob as today); `<commit>/<name>` is its earlier text, kept in test/history.
 */
const OLDER_STATES = [
  { commit: '4404d79', files: ['4404d79/1764000000000_outbox.sql', '1764000000001_api-keys.sql'] },
  {
    commit: 'b0dd1e0',
    files: ['1764000000000_outbox.sql', '1764000000001_api-keys.sql', 'b0dd1e0/1764000000002_consumer-offsets.sql', 'b0dd1e0/1764000000003_audit-projection.sql'],
  },
  {
    commit: '4f8fcfa',
    files: [
      '1764000000000_outbox.sql',
      '1764000000001_api-keys.sql',
      'b0dd1e0/1764000000002_consumer-offsets.sql',
      '1764000000003_audit-projection.sql',
      '1764000000010_usage-records.sql',
      '1764000000020_notifications.sql',
      '1764000000030_moderation.sql',
    ],
  },
];

describe('databases migrated by earlier migration files', () => {
  const { databaseUrl } = loadStackEndpoints();
  let fresh: string[];
  let db: ScratchDatabase;

  beforeAll(async () => {
    const scratch = await createScratchDatabase(databaseUrl);
    try {
      await migrate(scratch.url);
      fresh = await schemaFingerprint(scratch.url);
    } finally {
      await scratch.drop();
    }
  });
  beforeEach(async () => {
    db = await createScratchDatabase(databaseUrl);
  });
  afterEach(() => db.drop());

  async function migrateWithFiles(files: readonly string[], how: (dir: string) => Promise<unknown>): Promise<void> {
    const folder = migrationsDir(files);
    try {
      await how(folder.dir);
    } finally {
      folder.remove();
    }
  }

  it('keeps the exact earlier texts whose checksums are accepted as superseded', () => {
    for (const [name, versions] of Object.entries(SUPERSEDED_VERSIONS)) {
      for (const { commit, sha256 } of versions) {
        expect(
          createHash('sha256')
            .update(readFileSync(join(HISTORY_DIR, commit, `${name}.sql`)))
            .digest('hex'),
        ).toBe(sha256);
      }
    }
  });

  describe.each(OLDER_STATES)('as at $commit', ({ files }) => {
    it('reaches the schema of a fresh database when today’s migrations run', async () => {
      await migrateWithFiles(files, (dir) => migrateWithoutChecksums(db.url, dir));
      expect(await schemaFingerprint(db.url)).not.toEqual(fresh);

      await migrate(db.url);
      expect(await schemaFingerprint(db.url)).toEqual(fresh);
    });

    it('reaches it too when the release before the reconciling migrations had migrated it', async () => {
      await migrateWithFiles(files, (dir) => migrateWithoutChecksums(db.url, dir));
      await migrateWithFiles(ORIGINAL_MIGRATIONS, (dir) => migrateWithoutChecksums(db.url, dir));
      expect(await schemaFingerprint(db.url)).not.toEqual(fresh);

      await migrate(db.url);
      expect(await schemaFingerprint(db.url)).toEqual(fresh);
    });

    it('accepts the checksums recorded for its earlier texts, saying which migration supersedes them', async () => {
      await migrateWithFiles(files, (dir) => migrate(db.url, { dir }));
      const logged: string[] = [];

      await migrate(db.url, { log: (line) => logged.push(line) });
      expect(await schemaFingerprint(db.url)).toEqual(fresh);
      const earlier = files.filter((file) => file.includes('/')).map((file) => file.split('/'));
      expect(earlier.length).toBeGreaterThan(0);
      for (const [textOf, file] of earlier) {
        expect(logged).toContainEqual(expect.stringMatching(new RegExp(`^${file} was applied in its text of ${textOf}; 17640000000\\d\\d_`)));
      }
    });
  });

  it('keeps the stored consumer positions of a table without cluster ids, as unattributed', async () => {
    await migrateWithFiles(OLDER_STATES[2].files, (dir) => migrateWithoutChecksums(db.url, dir));
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query("INSERT INTO consumer_offsets (group_id, topic, partition, next_offset) VALUES ('audit-projector', 'identity.events', 3, 42)");
      await migrate(db.url);
      const { rows } = await client.query('SELECT cluster_id, group_id, topic, partition, next_offset FROM consumer_offsets');
      expect(rows).toEqual([{ cluster_id: 'unattributed', group_id: 'audit-projector', topic: 'identity.events', partition: 3, next_offset: '42' }]);
    } finally {
      await client.end();
    }
  });
});
