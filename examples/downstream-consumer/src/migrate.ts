import '@eventline/node-runtime/check';
import { join } from 'node:path';
import { migrate } from '@eventline/persistence';
import { ownDatabaseUrl } from './own-database';

/** `npm run db:migrate`: the consumer's own migrations (migrations/), with the SDK's runner and its checksum review. */
async function main(): Promise<void> {
  const applied = await migrate(ownDatabaseUrl(), { dir: join(__dirname, '..', 'migrations'), log: (line) => console.log(line) });
  console.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'the database is up to date');
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
