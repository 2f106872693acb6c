import { MIGRATION_FOLDERS } from '@eventline/persistence';

/**
 * Files a project reads at run time that tsc does not emit. When a build contains the project's code, these are
 * copied beside it at the same path relative to the workspace root, so the code finds them as it does in the checkout.
 */
export const RUNTIME_ASSETS: Record<string, string[]> = {
  'libs/contracts': ['schemas'],
  // Every app checks the schema with libs/persistence, and the CLI migrates with it: each needs every folder.
  'libs/persistence': [...MIGRATION_FOLDERS],
  'apps/moderation-worker': ['apps/moderation-worker/config'],
  'apps/notification-worker': ['apps/notification-worker/config'],
};
