import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { eventually } from './eventually';

/**
 * Starts an app's main.ts as its own process — so a test can start it late, run two of them, or
 * kill it with SIGKILL like a crash — with `env` on top of the test's environment. Its output goes
 * to `logFile` when given (for debugging a failing test), else nowhere. The IPC channel makes the
 * app exit when the test process dies, so a crashed test run leaves no app behind.
 */
export function startApp(entry: string, env: Record<string, string> = {}, logFile?: string): ChildProcess {
  return spawnApp(entry, env, logFile ? openSync(logFile, 'a') : 'ignore');
}

/** startApp with its output where `output` says: 'pipe' for the caller to read (startAppUnderTest). */
export function spawnApp(entry: string, env: Record<string, string>, output: 'ignore' | 'pipe' | number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: findWorkspaceRoot(),
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', output, output, 'ipc'],
  });
  // The channel is for the child's sake; it must not keep the test process alive.
  child.channel?.unref();
  return child;
}

/** Resolves once the process has exited, also when it already had (a SIGKILLed child has a signalCode, no exitCode). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

export interface Health {
  status: number;
  // The JSON an app answers, which specs read field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: Record<string, any>;
}

/** One GET of an app's health endpoint; undefined while nothing listens on the port. */
export async function health(port: number, path: '/health/ready' | '/health/live' | '/health' = '/health/ready'): Promise<Health | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as Health['body'] };
  } catch {
    return undefined;
  }
}

/**
 * Waits until the app on `port` is ready, and fails at once if it runs on another Node.js major
 * than the project's (package.json engines): every test that starts an app checks that too.
 */
export async function waitForHealth(port: number, timeoutMs = 120_000): Promise<true> {
  return eventually(
    `the app on :${port} to answer /health/ready`,
    async () => {
      const answer = await health(port);
      if (answer) assertProjectNode(port, answer.body.node);
      return answer?.status === 200 ? true : undefined;
    },
    timeoutMs,
  );
}

export function projectNodeMajor(root = findWorkspaceRoot()): number {
  const range: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
  const major = Number(/\d+/.exec(range)?.[0]);
  if (!Number.isInteger(major)) throw new Error(`package.json engines.node has no major version: "${range}"`);
  return major;
}

/** Fails when the app on `port` answered from another Node.js major than package.json's engines. */
export function assertProjectNode(port: number, version: unknown): void {
  const major = Number(/^v(\d+)\./.exec(String(version))?.[1]);
  if (major !== projectNodeMajor()) throw new Error(`The app on :${port} runs on Node.js ${String(version)}; the project requires ${projectNodeMajor()}.x (package.json engines)`);
}

/** Sum of one Prometheus metric over all its label sets, from an app's /metrics. */
export async function metricSum(port: number, metric: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
