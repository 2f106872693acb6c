export { migrate, type MigrateOptions } from './migrate';
export { MIGRATIONS_DIR } from './migration-files';
export { assertSchemaCurrent } from './schema-check';
export { withTransaction } from './with-transaction';
