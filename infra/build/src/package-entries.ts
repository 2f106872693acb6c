import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Project } from './projects';

export interface PackageEntry {
  /** `.` for `@eventline/<name>`, `./check` for `@eventline/<name>/check`. */
  subpath: string;
  /** The TypeScript entry, relative to the workspace root (e.g. libs/node-runtime/src/check.ts). */
  source: string;
  /** The compiled entry and its declarations, relative to the package root. */
  main: string;
  types: string;
}

/**
 * A library's entry points are the tsconfig path aliases that lead into it: what the workspace imports is what the
 * package exports, and nothing else (a package.json `exports` field closes every other path).
 */
export function packageEntries(workspaceRoot: string, project: Project): PackageEntry[] {
  const tsconfig = JSON.parse(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  const alias = `@eventline/${project.name}`;
  const entries = Object.entries(tsconfig.compilerOptions.paths)
    .filter(([name]) => name === alias || name.startsWith(`${alias}/`))
    .map(([name, [source]]): PackageEntry => {
      const inPackage = posix.relative(project.root, source).replace(/\.ts$/, '');
      return { subpath: `.${name.slice(alias.length)}`, source, main: `${inPackage}.js`, types: `${inPackage}.d.ts` };
    });
  if (!entries.some((entry) => entry.subpath === '.')) throw new Error(`build: ${project.name} has no "${alias}" path in tsconfig.base.json, so its package has no entry point`);
  return entries;
}
