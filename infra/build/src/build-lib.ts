import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { RUNTIME_ASSETS } from './assets';
import { readRootManifest } from './package-manifest';
import { packageEntries, type PackageEntry } from './package-entries';
import type { Project } from './projects';
import { compile } from './tsc';

/**
 * A library builds to `dist/libs/<name>/` as a package of its own: JavaScript and declarations under src/, its
 * run-time assets, and a package.json naming `@eventline/<name>` and exactly the packages its code requires. Other
 * Eventline libraries stay bare `@eventline/*` imports. One tsc run compiles the libraries (and whatever they
 * import) into a scratch folder, and each package keeps its own files: no build order between libraries is needed.
 */
export interface LibraryBuildFolders {
  /** Where each package goes, at its workspace path (dist/libs/<name>); default dist/. */
  outDir?: string;
  /** Scratch space for the compiler; default .local/build. A build beside another needs its own of both. */
  workDir?: string;
}

export async function buildLibraries(workspaceRoot: string, libs: Project[], folders: LibraryBuildFolders = {}): Promise<void> {
  if (libs.length === 0) return;
  const { outDir = join(workspaceRoot, 'dist'), workDir = join(workspaceRoot, '.local', 'build') } = folders;
  const scratch = join(workDir, 'libs');
  rmSync(scratch, { recursive: true, force: true });
  await compile({
    workspaceRoot,
    configFile: join(workDir, 'tsconfig.libs.json'),
    rootDir: workspaceRoot,
    outDir: scratch,
    // Subpath entries (e.g. @eventline/node-runtime/check) are not reachable from index.ts, so each is compiled too.
    files: libs.flatMap((lib) => packageEntries(workspaceRoot, lib).map((entry) => join(workspaceRoot, entry.source))),
    declaration: true,
    rewriteAliases: false,
  });
  for (const lib of libs) assemble(workspaceRoot, lib, scratch, join(outDir, lib.root));
  rmSync(scratch, { recursive: true, force: true });
}

function assemble(workspaceRoot: string, project: Project, scratch: string, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  cpSync(join(scratch, project.root), outDir, { recursive: true });
  for (const asset of RUNTIME_ASSETS[project.root] ?? []) {
    const target = asset.startsWith(`${project.root}/`) ? relative(project.root, asset) : asset;
    cpSync(join(workspaceRoot, asset), join(outDir, target), { recursive: true });
  }
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(libraryManifest(workspaceRoot, project, outDir), null, 2)}\n`);
  console.log(`build: ${project.name} → ${relative(workspaceRoot, outDir)} (@eventline/${project.name})`);
}

function libraryManifest(workspaceRoot: string, project: Project, outDir: string): Record<string, unknown> {
  const root = readRootManifest(workspaceRoot);
  const versions = { ...root.devDependencies, ...root.dependencies };
  const required = [...requiredPackages(outDir)].sort();
  const dependencies = Object.fromEntries(required.filter((name) => !PEER_PACKAGES.has(name)).map((name) => [name, name.startsWith('@eventline/') ? root.version : (versions[name] ?? '*')]));
  const peers = required.filter((name) => PEER_PACKAGES.has(name));
  return {
    name: `@eventline/${project.name}`,
    version: root.version,
    license: root.license,
    engines: root.engines,
    main: 'src/index.js',
    types: 'src/index.d.ts',
    exports: exportsField(packageEntries(workspaceRoot, project)),
    dependencies,
    ...(peers.length > 0 ? { peerDependencies: Object.fromEntries(peers.map((name) => [name, `^${versions[name]}`])) } : {}),
  };
}

/**
 * Frameworks the app itself depends on, which must be one copy in its node_modules (Nest's decorators and
 * injector keep their state in module instances): a library asks for them as peers, in the app's version.
 */
const PEER_PACKAGES = new Set(['@nestjs/common', '@nestjs/core', '@nestjs/microservices', 'reflect-metadata', 'rxjs']);

function exportsField(entries: PackageEntry[]): Record<string, unknown> {
  const field: Record<string, unknown> = Object.fromEntries(entries.map((entry) => [entry.subpath, { types: `./${entry.types}`, default: `./${entry.main}` }]));
  return { ...field, './package.json': './package.json' };
}

/**
 * Package names the package needs: every bare `require()` of its JavaScript, and the Eventline libraries its
 * declarations name (a type-only import leaves no `require`). Node's built-ins are left out.
 */
function requiredPackages(outDir: string): Set<string> {
  const specifiers = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).flatMap((file) => {
    if (file.endsWith('.js')) return [...readFileSync(join(outDir, file), 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)];
    if (file.endsWith('.d.ts')) return [...readFileSync(join(outDir, file), 'utf8').matchAll(/(?:from |import\()"(@eventline\/[^"]+)"/g)];
    return [];
  });
  const names = specifiers.map(([, specifier]) => packageName(specifier)).filter((name) => !isBuiltin(name));
  return new Set(names);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
