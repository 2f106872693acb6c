import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_CHECKPOINT_KEY, DEV_MASTER_KEY, DEV_PSEUDONYM_KEY } from '@eventline/stack-config';

/**
 * Development keys in `.local/`, made once and kept (a new pseudonym key would change every
 * pseudonym, a new checkpoint key would orphan the checkpoints): the Ed25519 key of audit
 * checkpoints, the secret of audit pseudonyms, and the master key that wraps data subjects' keys
 * (a new one would erase every subject at once). Production supplies EVENTLINE_*_KEY_FILE.
 */
export function ensureDevKeys(local: string): void {
  mkdirSync(local, { recursive: true });
  writeOnce(join(local, DEV_CHECKPOINT_KEY), () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  writeOnce(join(local, DEV_PSEUDONYM_KEY), () => `${randomBytes(32).toString('hex')}\n`);
  writeOnce(join(local, DEV_MASTER_KEY), () => `${randomBytes(32).toString('hex')}\n`);
}

function writeOnce(file: string, make: () => string): void {
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
}
