import type { Command } from 'commander';
import { writeEventCategories } from '@eventline/audit-projection';
import { migrate } from '@eventline/persistence';
import type { CliContext } from '../context';
import { asCliError, withDatabase } from '../database';
import { CliError } from '../errors';

/** The privileged step apps no longer take themselves: they only check that the schema is current. */
export function dbCommands(program: Command, context: CliContext): void {
  const db = program.command('db').description("the platform's PostgreSQL schema");

  db.command('migrate')
    .description(
      "apply pending migrations (those of every migrations folder, in one order), then write the catalog's event categories for system_events; " +
        'refuses to run when an applied migration file has changed since it was applied',
    )
    .action(async () => {
      const log = (message: string) => console.log(`db:migrate: ${message}`);
      const databaseUrl = context.endpoints.databaseUrl;
      const applied = await migrate(databaseUrl, { log }).catch((error: unknown) => {
        const unavailable = asCliError(error, databaseUrl);
        throw unavailable instanceof CliError ? unavailable : new CliError(`db migrate: ${(error as Error).message}`);
      });
      log(applied.length ? `applied ${applied.join(', ')}` : 'up to date');
      const written = await withDatabase(context, (pool) => writeEventCategories(pool, context.catalog));
      if (written > 0) log(`wrote the category of ${written} event type(s), for system_events`);
    });
}
