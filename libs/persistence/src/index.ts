export { migrate, type MigrateOptions } from './migrate';
export { MIGRATIONS_DIR } from './migration-files';
export { assertSchemaCurrent } from './schema-check';
export { withTransaction } from './with-transaction';
export { createClient, createPool, DEFAULT_CONNECTION_TIMEOUT_MS, type CreatePoolOptions, type PoolLogger } from './create-pool';
export { isDatabaseUnavailable, connectionFailureReason } from './connection-errors';
