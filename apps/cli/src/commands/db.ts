import type { Command } from 'commander';
import { migrate } from '@eventline/persistence';
import type { CliContext } from '../context';
import { asCliError } from '../database';
import { CliError } from '../errors';

/** The privileged step apps no longer take themselves: they only check that the schema is current. */
export function dbCommands(program: Command, context: CliContext): void {
  const db = program.command('db').description("the platform's PostgreSQL schema");

  db.command('migrate')
    .description('apply pending migrations; refuses to run when an applied migration file has changed since it was applied')
    .action(async () => {
      const log = (message: string) => console.log(`db:migrate: ${message}`);
      const databaseUrl = context.endpoints.databaseUrl;
      const applied = await migrate(databaseUrl, { log }).catch((error: unknown) => {
        const unavailable = asCliError(error, databaseUrl);
        throw unavailable instanceof CliError ? unavailable : new CliError(`db migrate: ${(error as Error).message}`);
      });
      log(applied.length ? `applied ${applied.join(', ')}` : 'up to date');
    });
}
