import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { replaceTscAliasPaths } from 'tsc-alias';

const run = promisify(execFile);

export interface CompileOptions {
  workspaceRoot: string;
  /** Where the generated tsconfig goes (kept out of the sources, under .local/). */
  configFile: string;
  rootDir: string;
  outDir: string;
  files: string[];
  declaration: boolean;
  /** Rewrite `@eventline/*` imports into relative paths inside outDir (applications only). */
  rewriteAliases: boolean;
}

/** Runs tsc over `files` (and everything they import) with the workspace's compiler options, emitting JavaScript. */
export async function compile(options: CompileOptions): Promise<void> {
  writeConfig(options);
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', options.configFile], { cwd: options.workspaceRoot, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed for ${options.files.join(', ')}:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
  if (options.rewriteAliases) await replaceTscAliasPaths({ configFile: options.configFile, outDir: options.outDir, resolveFullPaths: true });
}

function writeConfig(options: CompileOptions): void {
  const from = dirname(options.configFile);
  const rel = (path: string) => relative(from, path) || '.';
  const config = {
    extends: rel(join(options.workspaceRoot, 'tsconfig.base.json')),
    compilerOptions: {
      rootDir: rel(options.rootDir),
      outDir: rel(options.outDir),
      baseUrl: rel(options.workspaceRoot),
      noEmit: false,
      declaration: options.declaration,
      sourceMap: true,
      // Built code runs on Node alone: no Jest globals.
      types: ['node'],
    },
    files: options.files.map(rel),
  };
  mkdirSync(from, { recursive: true });
  writeFileSync(options.configFile, `${JSON.stringify(config, null, 2)}\n`);
}
