import { existsSync } from 'node:fs';
import { localDir, workspaceRootOrUndefined } from './workspace-root';

/** Development keys `npm run stack:up` writes into `.local/` (never production keys). */
export const DEV_CHECKPOINT_KEY = 'checkpoint-key.pem';
export const DEV_PSEUDONYM_KEY = 'pseudonym-key';
export const DEV_MASTER_KEY = 'master-key';

/** The file `variable` names, else the checkout's development key if the stack wrote one, else none. */
function keyFile(env: NodeJS.ProcessEnv, variable: string, devName: string): string | undefined {
  if (env[variable]) return env[variable];
  const root = workspaceRootOrUndefined();
  const dev = root ? localDir(root, devName) : undefined;
  return dev && existsSync(dev) ? dev : undefined;
}

/** The Ed25519 key that signs audit checkpoints: EVENTLINE_CHECKPOINT_KEY_FILE. */
export const checkpointKeyFile = (env: NodeJS.ProcessEnv = process.env) => keyFile(env, 'EVENTLINE_CHECKPOINT_KEY_FILE', DEV_CHECKPOINT_KEY);

/** The secret of the keyed hash that stands in for personal data in audit_logs: EVENTLINE_PSEUDONYM_KEY_FILE. */
export const pseudonymKeyFile = (env: NodeJS.ProcessEnv = process.env) => keyFile(env, 'EVENTLINE_PSEUDONYM_KEY_FILE', DEV_PSEUDONYM_KEY);

/** The key that wraps every data subject's data key (crypto-shredding): EVENTLINE_MASTER_KEY_FILE. */
export const masterKeyFile = (env: NodeJS.ProcessEnv = process.env) => keyFile(env, 'EVENTLINE_MASTER_KEY_FILE', DEV_MASTER_KEY);
