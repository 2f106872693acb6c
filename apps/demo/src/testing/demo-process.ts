import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { eventually, freePort } from '@eventline/test-harness';
import { platformApps } from '../platform-apps';

export interface DemoProcess {
  child: ChildProcess;
  /** Everything the demo printed so far, stdout and stderr. */
  output(): string;
}

/** The demo as `npm start` runs it, minus the npm and tsx wrappers, with every app on a free port of its own. */
export async function startDemo(args: string[], env: Record<string, string> = {}): Promise<DemoProcess> {
  const ports: Record<string, string> = {};
  for (const app of platformApps({})) ports[app.portVariable] = String(await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/demo/src/start.ts', ...args], {
    cwd: findWorkspaceRoot(),
    env: { ...process.env, LOG_LEVEL: 'warn', ...ports, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/**
 * Pids of the running (not zombie) app processes whose parent is `parent`, read from /proc. Only apps count: the
 * demo also has helper children of its own (tsx's esbuild service), which end with it.
 */
export function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => ({ pid: Number(pid), stat: statOf(Number(pid)) }))
    .filter(({ pid, stat }) => stat?.ppid === parent && stat.state !== 'Z' && isAppProcess(pid))
    .map(({ pid }) => pid);
}

function isAppProcess(pid: number): boolean {
  try {
    return /apps\/[\w-]+\/src\/main\.ts/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** What a demo test started; whatever a failed test left running is killed after the suite. */
export interface DemoRun {
  demo?: DemoProcess;
  apps: number[];
}

export function demoRun(): DemoRun {
  const run: DemoRun = { apps: [] };
  afterAll(() => {
    run.demo?.child.kill('SIGKILL');
    stillRunning(run.apps).forEach((pid) => process.kill(pid, 'SIGKILL'));
  });
  return run;
}

/** Of `pids`, those still running (a zombie has ended; only its parent has not reaped it yet). */
export function stillRunning(pids: number[]): number[] {
  return pids.filter((pid) => {
    const stat = statOf(pid);
    return stat !== undefined && stat.state !== 'Z';
  });
}

function statOf(pid: number): { ppid: number; state: string } | undefined {
  try {
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so parse after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), state };
  } catch {
    return undefined;
  }
}

/**
 * The demo's six app processes, once it has launched them all. Pids seen on any poll count: an app
 * that fails at start may exit before the slowest of the others shows up.
 */
export async function launchedApps(demo: DemoProcess): Promise<number[]> {
  const seen = new Set<number>();
  return eventually(
    'the demo to launch its six apps',
    async () => {
      childrenOf(demo.child.pid!).forEach((pid) => seen.add(pid));
      return seen.size === 6 ? [...seen] : undefined;
    },
    40_000,
  );
}
