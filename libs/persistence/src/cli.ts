import { loadStackEndpoints } from '@eventline/stack-config';
import { migrate } from './migrate';

const log = (message: string) => console.log(`db:migrate: ${message}`);

migrate(loadStackEndpoints().databaseUrl, { log }).then(
  (applied) => log(applied.length ? `applied ${applied.join(', ')}` : 'up to date'),
  (error: unknown) => {
    console.error(`db:migrate: ${(error as Error).message}`);
    process.exit(1);
  },
);
