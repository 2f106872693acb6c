import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sleep } from './net';

/**
 * A server the stack runs in the background. Its pid lives in .local/run/<name>.pid; `marker`
 * must appear in the process's command line, so a recycled pid is never mistaken for ours.
 */
export interface ManagedProcess {
  name: string;
  marker: string;
  runDir: string;
  logFile: string;
}

const pidFile = (proc: ManagedProcess) => join(proc.runDir, `${proc.name}.pid`);

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of our running instance, or undefined (a stale pid file is removed). */
export function runningPid(proc: ManagedProcess): number | undefined {
  if (!existsSync(pidFile(proc))) return undefined;
  const pid = Number(readFileSync(pidFile(proc), 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLine(pid)?.includes(proc.marker)) return pid;
  rmSync(pidFile(proc), { force: true });
  return undefined;
}

export function startDetached(proc: ManagedProcess, command: string, args: string[], options: Pick<SpawnOptions, 'cwd' | 'env' | 'uid' | 'gid'> = {}): number {
  mkdirSync(proc.runDir, { recursive: true });
  mkdirSync(dirname(proc.logFile), { recursive: true });
  const log = openSync(proc.logFile, 'a');
  try {
    // detached: its own process group, so stopping it also stops anything it forked.
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
    if (child.pid === undefined) throw new Error(`could not spawn ${command}`);
    child.unref();
    writeFileSync(pidFile(proc), `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/**
 * SIGTERM to the process group, SIGKILL after `graceMs`; resolves once the process is gone.
 * `crash` sends SIGKILL straight away, with no SIGTERM the process could start a clean shutdown on.
 */
export async function stopProcess(proc: ManagedProcess, graceMs = 30_000, crash = false): Promise<'stopped' | 'killed' | 'not-running'> {
  const pid = runningPid(proc);
  if (pid === undefined) return 'not-running';
  if (!crash) signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (!crash && isAlive(pid) && Date.now() < deadline) await sleep(200);
  let outcome: 'stopped' | 'killed' = 'stopped';
  if (isAlive(pid)) {
    signalGroup(pid, 'SIGKILL');
    outcome = 'killed';
    while (isAlive(pid)) await sleep(100);
  }
  rmSync(pidFile(proc), { force: true });
  return outcome;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export function logTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}
