import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding nx.json: every app, test and tool resolves `.local/` from here. */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No Eventline workspace (a folder with nx.json) found above ${start}`);
    }
    dir = parent;
  }
}

/** The workspace root, or undefined when running outside a checkout (a built app in production). */
export function workspaceRootOrUndefined(start: string = process.cwd()): string | undefined {
  try {
    return findWorkspaceRoot(start);
  } catch {
    return undefined;
  }
}

export function localDir(root: string = findWorkspaceRoot(), ...parts: string[]): string {
  return join(root, '.local', ...parts);
}
