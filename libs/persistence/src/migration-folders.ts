import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every folder of migration files, relative to the workspace root. Each migration lives beside the
 * code that owns its tables; this library keeps the platform-wide ones (consumer offsets, roles and
 * grants across apps, the tenant binding). `db:migrate` applies the files of all of them in one
 * order, by timestamp prefix, into one migrations table. A new folder is added here, and nowhere
 * else: the build ships what this list names (infra/build/src/assets.ts).
 */
export const MIGRATION_FOLDERS: readonly string[] = [
  'libs/persistence/migrations',
  'libs/outbox/migrations',
  'libs/api-keys/migrations',
  'libs/audit-projection/migrations',
  'libs/subject-keys/migrations',
  'libs/read-model-retention/migrations',
  'apps/usage-projector/migrations',
  'apps/notification-worker/migrations',
  'apps/moderation-worker/migrations',
];

const LIBRARY_PATH = 'libs/persistence';
const LIBRARY_ROOT = join(__dirname, '..');

/**
 * Where a registered folder is on disk. In the checkout and in an app's build this library sits at
 * its workspace path, two levels below the root; a package build of it (infra/build's build-lib)
 * holds its own folder at its root and the others at their workspace paths inside it.
 */
export function locateMigrationFolder(folder: string): string {
  if (folder.startsWith(`${LIBRARY_PATH}/`)) return join(LIBRARY_ROOT, relative(LIBRARY_PATH, folder));
  const inPackage = join(LIBRARY_ROOT, folder);
  return existsSync(inPackage) ? inPackage : join(LIBRARY_ROOT, '..', '..', folder);
}

/** The registered folders, as absolute paths. */
export function migrationDirs(): string[] {
  return MIGRATION_FOLDERS.map(locateMigrationFolder);
}

/** A folder as the registry names it (relative to the workspace root), or as given if unregistered. */
export function folderName(dir: string): string {
  return MIGRATION_FOLDERS.find((folder) => locateMigrationFolder(folder) === dir) ?? dir;
}
