export { migrate, MIGRATIONS_DIR } from './migrate';
export { withTransaction } from './with-transaction';
