export { migrate, MIGRATIONS_DIR } from './migrate';
