import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { eventually } from './eventually';

/**
 * Starts an app's main.ts as its own process — so a test can start it late, run two of them, or
 * kill it with SIGKILL like a crash — with `env` on top of the test's environment. Its output goes
 * to `logFile` when given (for debugging a failing test), else nowhere.
 */
export function startApp(entry: string, env: Record<string, string> = {}, logFile?: string): ChildProcess {
  const output = logFile ? openSync(logFile, 'a') : 'ignore';
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: findWorkspaceRoot(),
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', output, output],
  });
}

/** Resolves once the process has exited, also when it already had (a SIGKILLed child has a signalCode, no exitCode). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

export function waitForHealth(port: number, timeoutMs = 120_000): Promise<true> {
  return eventually(`the app on :${port} to answer /health`, async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined), timeoutMs);
}

/** Sum of one Prometheus metric over all its label sets, from an app's /metrics. */
export async function metricSum(port: number, metric: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
