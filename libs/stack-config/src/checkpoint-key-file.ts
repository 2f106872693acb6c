import { existsSync } from 'node:fs';
import { localDir, workspaceRootOrUndefined } from './workspace-root';

/** Where `npm run stack:up` writes the development checkpoint key (never a production key). */
export const DEV_CHECKPOINT_KEY = 'checkpoint-key.pem';

/** EVENTLINE_CHECKPOINT_KEY_FILE, else the checkout's development key if the stack wrote one, else none. */
export function checkpointKeyFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.EVENTLINE_CHECKPOINT_KEY_FILE) return env.EVENTLINE_CHECKPOINT_KEY_FILE;
  const root = workspaceRootOrUndefined();
  const dev = root ? localDir(root, DEV_CHECKPOINT_KEY) : undefined;
  return dev && existsSync(dev) ? dev : undefined;
}
