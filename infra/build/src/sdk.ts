import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { buildLibraries } from './build-lib';
import { findProject } from './projects';

const run = promisify(execFile);

/**
 * What a downstream team installs to consume Eventline's events from its own app: the contracts (catalog and
 * generated types), the publisher, the consumer runtime and its Nest binding, and the libraries those import.
 * packSdk refuses a list that misses one of those, so an import added to a library cannot leave the SDK broken.
 */
export const SDK_LIBRARIES = [
  'contracts',
  'publisher',
  'consumer-runtime',
  'consumer-nest',
  'kafka-port',
  'schema-registry',
  'stack-config',
  // Imported by the ones above.
  'nest-platform',
  'node-runtime',
  'persistence',
  'pii-sealing',
  'subject-keys',
  'tracing',
];

export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the tarball. */
  tarball: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
}

/**
 * Builds the SDK's packages in a temporary folder outside the checkout (an `npm run build` at the same time cannot
 * remove a package while it is packed, and Jest, which maps every package.json under the workspace, never sees a
 * second @eventline/<name>) and packs each into `outDir` (default dist/sdk/) with `npm pack`. The examples and the
 * README install these tarballs by path; a registry would take the same files (`npm publish`).
 */
export async function packSdk(workspaceRoot: string, outDir = join(workspaceRoot, 'dist', 'sdk')): Promise<PackedPackage[]> {
  const built = mkdtempSync(join(tmpdir(), 'eventline-sdk-'));
  try {
    await buildLibraries(
      workspaceRoot,
      SDK_LIBRARIES.map((name) => findProject(workspaceRoot, name)),
      { outDir: join(built, 'dist'), workDir: join(workspaceRoot, '.local', 'build-sdk') },
    );
    const packageDir = (name: string) => join(built, 'dist', 'libs', name);
    assertClosed(packageDir);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const packed: PackedPackage[] = [];
    for (const name of SDK_LIBRARIES) packed.push(await pack(packageDir(name), outDir));
    return packed;
  } finally {
    rmSync(built, { recursive: true, force: true });
  }
}

function assertClosed(packageDir: (name: string) => string): void {
  const inSdk = new Set(SDK_LIBRARIES.map((name) => `@eventline/${name}`));
  for (const name of SDK_LIBRARIES) {
    const manifest = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const missing = Object.keys(manifest.dependencies).filter((dep) => dep.startsWith('@eventline/') && !inSdk.has(dep));
    if (missing.length > 0) throw new Error(`pack:sdk: @eventline/${name} depends on ${missing.join(', ')}, which SDK_LIBRARIES (infra/build/src/sdk.ts) does not list`);
  }
}

async function pack(packageDir: string, outDir: string): Promise<PackedPackage> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], { cwd: packageDir, maxBuffer: 64 * 1024 * 1024 });
  const [result] = JSON.parse(stdout) as Array<{ name: string; version: string; filename: string; size: number; unpackedSize: number; entryCount: number }>;
  return { name: result.name, version: result.version, tarball: join(outDir, result.filename), size: result.size, unpackedSize: result.unpackedSize, entryCount: result.entryCount };
}

export function describePacked(workspaceRoot: string, packed: PackedPackage): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  return `pack: ${packed.name}@${packed.version} → ${relative(workspaceRoot, packed.tarball)} (${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files)`;
}
