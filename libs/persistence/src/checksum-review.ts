import { join } from 'node:path';
import type { MigrationFile } from './migration-files';
import { SUPERSEDED_VERSIONS, type SupersededVersion } from './superseded-versions';

export interface EditedMigration {
  fileName: string;
  /** The folder it is in. */
  dir: string;
  appliedSha256: string;
  fileSha256: string;
}

export interface ChecksumReview {
  /** Applied before checksums were kept: their files, as they are now, become the record. */
  unrecorded: MigrationFile[];
  /** Applied in an earlier text that a shipped migration brings up to date. */
  superseded: Array<{ fileName: string; version: SupersededVersion }>;
  /** Changed since they were applied: migrating must stop. */
  edited: EditedMigration[];
  /** Not applied yet: their checksums are recorded before they run. */
  pending: MigrationFile[];
}

/** Compares each applied migration's recorded checksum with its file today. */
export function reviewChecksums(
  files: readonly MigrationFile[],
  appliedNames: ReadonlySet<string>,
  recorded: ReadonlyMap<string, string>,
  superseded: typeof SUPERSEDED_VERSIONS = SUPERSEDED_VERSIONS,
): ChecksumReview {
  const review: ChecksumReview = { unrecorded: [], superseded: [], edited: [], pending: [] };
  const shipped = new Set(files.map((file) => file.name));
  for (const file of files) {
    const appliedSha256 = recorded.get(file.name);
    if (!appliedNames.has(file.name)) review.pending.push(file);
    else if (appliedSha256 === undefined) review.unrecorded.push(file);
    else if (appliedSha256 !== file.sha256) {
      const version = superseded[file.name]?.find((v) => v.sha256 === appliedSha256 && shipped.has(v.supersededBy));
      if (version) review.superseded.push({ fileName: file.fileName, version });
      else review.edited.push({ fileName: file.fileName, dir: file.dir, appliedSha256, fileSha256: file.sha256 });
    }
  }
  return review;
}

export function editedMigrationsMessage(edited: readonly EditedMigration[]): string {
  const files = edited.map((e) => `${join(e.dir, e.fileName)} (applied sha256 ${e.appliedSha256.slice(0, 12)}…, file now ${e.fileSha256.slice(0, 12)}…)`);
  return (
    `refusing to migrate: ${edited.length === 1 ? 'an applied migration file has' : 'applied migration files have'} changed since ${edited.length === 1 ? 'it was' : 'they were'} applied: ${files.join(', ')}. ` +
    'Nothing was applied. Applied migrations are immutable: restore the file and put the change in a new migration file.'
  );
}
