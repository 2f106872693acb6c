import { PiiOpener } from '@eventline/pii-sealing';
import { createPool } from '@eventline/persistence';
import { masterKeyFile } from '@eventline/stack-config';
import { MasterKey, PgSubjectKeyStore } from '@eventline/subject-keys';
import type { CliContext } from '../context';
import { CliError } from '../errors';

/** The flag of every view that decodes events (`tail`, `dlq show`). */
export const OPEN_PII_OPTION = [
  '--open-pii',
  'print personal data in clear (needs the master key and the key table); without it, sealed fields show as {"sealed":true} and erased ones as {"erased":true}',
] as const;

/**
 * How a CLI view shows personal data: opened with --open-pii; else as Sealed or Erased markers when
 * the master key is at hand (so an erasure shows); else as published (placeholders and the sealed
 * blob). The key table is read through a pool of one connection for the view's lifetime.
 */
export async function withPiiOpener<T>(context: CliContext, reveal: boolean, view: (opener: PiiOpener | undefined) => Promise<T>): Promise<T> {
  const file = masterKeyFile();
  if (!file) {
    if (reveal) throw new CliError('--open-pii needs the master key: set EVENTLINE_MASTER_KEY_FILE');
    return view(undefined);
  }
  const master = cliMasterKey(file);
  const pool = createPool({ connectionString: context.endpoints.databaseUrl, max: 1, applicationName: 'eventline-cli-pii' });
  try {
    return await view(new PiiOpener(new PgSubjectKeyStore(pool, master), { reveal }));
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** The master key, or the reason it cannot be had, for the person at the terminal. */
export function cliMasterKey(file: string | undefined = masterKeyFile()): MasterKey {
  try {
    return MasterKey.fromFile(file);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
