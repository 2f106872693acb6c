import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface RootManifest {
  version: string;
  license?: string;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

export function readRootManifest(workspaceRoot: string): RootManifest {
  return JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as RootManifest;
}

/**
 * The package.json shipped with an application build. It keeps the workspace's dependency lists, so the workspace's
 * package-lock.json stays valid for `npm ci --omit=dev` beside it, and drops the scripts: `prepare` generates code
 * from the sources, which a build no longer has.
 */
export function applicationManifest(workspaceRoot: string, app: string, main: string): Record<string, unknown> {
  const root = readRootManifest(workspaceRoot);
  return {
    name: 'eventline',
    version: root.version,
    private: true,
    description: `Eventline ${app}, built: run \`npm ci --omit=dev\`, then \`node ${main}\``,
    engines: root.engines,
    main,
    dependencies: root.dependencies,
    devDependencies: root.devDependencies,
    allowScripts: root.allowScripts,
  };
}
