export { migrate, type MigrateOptions } from './migrate';
export { listMigrationFiles, type MigrationFile } from './migration-files';
export { MIGRATION_FOLDERS, migrationDirs } from './migration-folders';
export { assertSchemaCurrent, type SchemaVersion } from './schema-check';
export { withTransaction } from './with-transaction';
export { createClient, createPool, DEFAULT_CONNECTION_TIMEOUT_MS, type CreatePoolOptions, type PoolLogger } from './create-pool';
export { isDatabaseUnavailable, connectionFailureReason } from './connection-errors';
