import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@eventline/stack-config';

const run = promisify(execFile);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `eventline` bin, as a person would, against the local stack. */
export function eventline(...args: string[]): Promise<CliRun> {
  return eventlineWith({}, ...args);
}

/** Runs the bin with `env` on top of the test's environment (another DATABASE_URL, say). */
export async function eventlineWith(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['apps/cli/bin/eventline.js', ...args], { cwd: findWorkspaceRoot(), timeout: 120_000, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
