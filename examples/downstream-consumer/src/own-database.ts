/** The consumer's own database: its read models and its group's offsets, never the platform's tables. */
export const DATABASE_URL_VARIABLE = 'DOWNSTREAM_CONSUMER_DATABASE_URL';

export function ownDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env[DATABASE_URL_VARIABLE];
  if (!url) throw new Error(`${DATABASE_URL_VARIABLE} is not set: it must name the downstream consumer's own PostgreSQL database (created beforehand, migrated with npm run db:migrate)`);
  return url;
}
