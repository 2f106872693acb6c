import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_CHECKPOINT_KEY } from '@eventline/stack-config';

/** A development Ed25519 key for audit checkpoints in `.local/`, made once; production supplies EVENTLINE_CHECKPOINT_KEY_FILE. */
export function ensureDevCheckpointKey(local: string): void {
  const file = join(local, DEV_CHECKPOINT_KEY);
  if (existsSync(file)) return;
  mkdirSync(local, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
}
