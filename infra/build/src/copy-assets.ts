import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_ASSETS } from './assets';

/** Copies the run-time files of every project whose code is in `outDir` (laid out as in the workspace). */
export function copyRuntimeAssets(workspaceRoot: string, outDir: string): string[] {
  const copied: string[] = [];
  for (const [project, assets] of Object.entries(RUNTIME_ASSETS)) {
    if (!existsSync(join(outDir, project))) continue;
    for (const asset of assets) {
      cpSync(join(workspaceRoot, asset), join(outDir, asset), { recursive: true });
      copied.push(asset);
    }
  }
  return copied;
}
