import { copyFileSync, cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyRuntimeAssets } from './copy-assets';
import { applicationManifest } from './package-manifest';
import type { Project } from './projects';
import { compile } from './tsc';

/**
 * An application builds to `dist/apps/<name>/`: its code and the libraries, compiled to JavaScript at their
 * workspace paths (imports between them made relative), their run-time assets, a package.json and the workspace's
 * package-lock.json. That folder is the deployable: `npm ci --omit=dev && node <main>`. Several applications are
 * compiled by one tsc run, then each gets its own folder.
 */
export async function buildApplications(workspaceRoot: string, apps: Project[]): Promise<void> {
  if (apps.length === 0) return;
  const entries = apps.map((app) => mainOf(workspaceRoot, app));
  const scratch = join(workspaceRoot, '.local', 'build', 'apps');
  rmSync(scratch, { recursive: true, force: true });
  await compile({
    workspaceRoot,
    configFile: join(workspaceRoot, '.local', 'build', 'tsconfig.apps.json'),
    rootDir: workspaceRoot,
    outDir: scratch,
    files: entries,
    declaration: false,
    rewriteAliases: true,
  });
  for (const app of apps) assemble(workspaceRoot, app, scratch);
  rmSync(scratch, { recursive: true, force: true });
}

function mainOf(workspaceRoot: string, app: Project): string {
  const entry = join(app.root, 'src', 'main.ts');
  if (!existsSync(join(workspaceRoot, entry))) throw new Error(`build: ${app.name} has no ${entry}`);
  return entry;
}

function assemble(workspaceRoot: string, app: Project, scratch: string): void {
  const outDir = join(workspaceRoot, 'dist', app.root);
  rmSync(outDir, { recursive: true, force: true });
  cpSync(join(scratch, app.root), join(outDir, app.root), { recursive: true });
  if (existsSync(join(scratch, 'libs'))) cpSync(join(scratch, 'libs'), join(outDir, 'libs'), { recursive: true });
  const assets = copyRuntimeAssets(workspaceRoot, outDir);
  const main = join(app.root, 'src', 'main.js');
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(applicationManifest(workspaceRoot, app.name, main), null, 2)}\n`);
  copyFileSync(join(workspaceRoot, 'package-lock.json'), join(outDir, 'package-lock.json'));
  console.log(`build: ${app.name} → dist/${app.root} (node ${main}${assets.length ? `; assets ${assets.join(', ')}` : ''})`);
}
