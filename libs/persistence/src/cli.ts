import { loadStackEndpoints } from '@eventline/stack-config';
import { migrate } from './migrate';

migrate(loadStackEndpoints().databaseUrl).then(
  (applied) => console.log(applied.length ? `db:migrate: applied ${applied.join(', ')}` : 'db:migrate: up to date'),
  (error: unknown) => {
    console.error(`db:migrate: ${(error as Error).message}`);
    process.exit(1);
  },
);
