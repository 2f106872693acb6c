import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StackError } from './errors';
import { logTail } from './processes';

/**
 * Runs one Maven goal into `targetDir` unless a previous run completed there. Maven's own
 * ~/.m2 cache means a second machine start downloads nothing; the `.complete` marker means a
 * second start in the same checkout does not even run Maven.
 */
export async function materialise(options: { label: string; pom: string; goal: string; targetDir: string; logFile: string; extraArgs?: string[] }): Promise<'cached' | 'resolved'> {
  const marker = join(options.targetDir, '.complete');
  if (existsSync(marker)) return 'cached';
  rmSync(options.targetDir, { recursive: true, force: true });
  mkdirSync(options.targetDir, { recursive: true });
  mkdirSync(dirname(options.logFile), { recursive: true });
  const args = ['-B', '--no-transfer-progress', '-f', options.pom, options.goal, `-DoutputDirectory=${options.targetDir}`, ...(options.extraArgs ?? [])];
  const code = await runLogged('mvn', args, options.logFile);
  if (code !== 0) {
    throw new StackError(`Could not resolve ${options.label} from Maven Central (mvn exited ${code}). Check the network to Maven Central, or the versions in ${options.pom}.`, {
      file: options.logFile,
      lines: logTail(options.logFile, 25),
    });
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return 'resolved';
}

function runLogged(command: string, args: string[], logFile: string): Promise<number> {
  const log = openSync(logFile, 'w');
  return new Promise<number>((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', log, log] });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  }).finally(() => closeSync(log));
}
