import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PlatformApp {
  name: string;
  entry: string;
  /** HTTP port serving /health (and /metrics for consumer apps). */
  port: number;
  metrics: boolean;
}

/** Every deployable of the platform, on its default port. */
export const PLATFORM_APPS: PlatformApp[] = [
  { name: 'outbox-relay', entry: 'apps/outbox-relay/src/main.ts', port: 0, metrics: false },
  { name: 'ingest-gateway', entry: 'apps/ingest-gateway/src/main.ts', port: 8088, metrics: false },
  { name: 'audit-projector', entry: 'apps/audit-projector/src/main.ts', port: 8091, metrics: true },
  { name: 'usage-projector', entry: 'apps/usage-projector/src/main.ts', port: 8092, metrics: true },
  { name: 'notification-worker', entry: 'apps/notification-worker/src/main.ts', port: 8093, metrics: true },
  { name: 'moderation-worker', entry: 'apps/moderation-worker/src/main.ts', port: 8094, metrics: true },
];

export interface RunningApp {
  app: PlatformApp;
  process: ChildProcess;
  logFile: string;
}

/** Starts each app as its own process (logs in .local/logs/<app>.log) and waits until every one answers /health. */
export async function startApps(root: string, env: NodeJS.ProcessEnv, onProgress: (line: string) => void): Promise<RunningApp[]> {
  mkdirSync(join(root, '.local', 'logs'), { recursive: true });
  const running = PLATFORM_APPS.map((app) => {
    const logFile = join(root, '.local', 'logs', `${app.name}.log`);
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', app.entry], { cwd: root, env, stdio: ['ignore', log, log] });
    return { app, process: child, logFile };
  });
  for (const { app, process: child, logFile } of running) {
    if (app.port === 0) continue;
    const deadline = Date.now() + 180_000;
    while (!(await healthy(app.port))) {
      if (child.exitCode !== null) throw new Error(`${app.name} exited (code ${child.exitCode}); see ${logFile}`);
      if (Date.now() > deadline) throw new Error(`${app.name} did not answer /health on :${app.port} within 180 s; see ${logFile}`);
      await sleep(500);
    }
    onProgress(`  ✓ ${app.name} up on :${app.port}`);
  }
  return running;
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/** SIGTERM to every app; each finishes its batch in hand and exits. */
export async function stopApps(running: RunningApp[]): Promise<void> {
  await Promise.all(
    running.map(({ process: child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const forced = sleep(20_000).then(() => child.kill('SIGKILL'));
      return Promise.race([exited, forced]);
    }),
  );
}

/** Sum of eventline_consumer_lag across the consumer apps' /metrics. */
export async function totalLag(running: RunningApp[]): Promise<number> {
  let lag = 0;
  for (const { app } of running.filter((r) => r.app.metrics)) {
    const text = await fetch(`http://127.0.0.1:${app.port}/metrics`).then((r) => r.text()).catch(() => '');
    for (const line of text.split('\n')) if (line.startsWith('eventline_consumer_lag{')) lag += Number(line.split(' ').pop());
  }
  return lag;
}
