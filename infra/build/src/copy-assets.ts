import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_ASSETS } from './assets';

/** Copies the run-time files of every project whose code is in `outDir` (laid out as in the workspace). */
export function copyRuntimeAssets(workspaceRoot: string, outDir: string): string[] {
  const copied: string[] = [];
  // Decided before copying: an asset may land in another project's folder (libs/persistence ships every app's
  // migrations), which does not put that project's code in the build.
  const built = Object.entries(RUNTIME_ASSETS).filter(([project]) => existsSync(join(outDir, project)));
  for (const [, assets] of built) {
    for (const asset of assets) {
      cpSync(join(workspaceRoot, asset), join(outDir, asset), { recursive: true });
      copied.push(asset);
    }
  }
  return copied;
}
