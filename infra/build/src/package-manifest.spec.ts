import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { RUNTIME_ASSETS } from './assets';
import { applicationManifest, readRootManifest } from './package-manifest';
import { listProjects } from './projects';

const root = findWorkspaceRoot();

describe('what a build ships besides the code', () => {
  it('ships a package.json without scripts, so npm ci --omit=dev runs no prepare step that needs the sources', () => {
    const manifest = applicationManifest(root, 'audit-projector', 'apps/audit-projector/src/main.js');
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest).toMatchObject({ main: 'apps/audit-projector/src/main.js', engines: readRootManifest(root).engines });
  });

  it("keeps the workspace's dependency lists, so the workspace lock file stays valid beside it", () => {
    const manifest = applicationManifest(root, 'cli', 'apps/cli/src/main.js');
    const workspace = readRootManifest(root);
    expect([manifest.dependencies, manifest.devDependencies]).toEqual([workspace.dependencies, workspace.devDependencies]);
  });

  it('names run-time assets that exist, for projects that exist', () => {
    const roots = new Set(listProjects(root).map((project) => project.root));
    for (const [project, assets] of Object.entries(RUNTIME_ASSETS)) {
      expect([project, roots.has(project)]).toEqual([project, true]);
      for (const asset of assets) expect([asset, existsSync(join(root, asset))]).toEqual([asset, true]);
    }
  });
});
