import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readStartupBudgetMs } from '@eventline/nest-platform';

export interface PlatformApp {
  name: string;
  entry: string;
  /** HTTP port serving /health/live, /health/ready and /metrics, read from `portVariable`. */
  port: number;
  portVariable: string;
  consumer: boolean;
}

/** Every deployable of the platform, on the port its own variable names (the same one the app reads). */
export function platformApps(env: NodeJS.ProcessEnv): PlatformApp[] {
  const app = (name: string, portVariable: string, fallback: number, consumer: boolean): PlatformApp => ({
    name,
    entry: `apps/${name}/src/main.ts`,
    port: Number(env[portVariable] || fallback),
    portVariable,
    consumer,
  });
  return [
    app('outbox-relay', 'OUTBOX_RELAY_PORT', 8090, false),
    app('ingest-gateway', 'INGEST_PORT', 8088, false),
    app('audit-projector', 'AUDIT_PROJECTOR_PORT', 8091, true),
    app('usage-projector', 'USAGE_PROJECTOR_PORT', 8092, true),
    app('notification-worker', 'NOTIFICATION_WORKER_PORT', 8093, true),
    app('moderation-worker', 'MODERATION_WORKER_PORT', 8094, true),
  ];
}

export interface RunningApp {
  app: PlatformApp;
  process: ChildProcess;
  logFile: string;
}

/** Beyond the apps' own start-up budget, time for a process to boot and for its work to start. */
const BOOT_MARGIN_MS = 60_000;
const PROGRESS_EVERY_MS = 10_000;

/**
 * The platform's apps as child processes of this one (logs in .local/logs/<app>.log). Each gets
 * an IPC channel, so it exits when this process dies, even by SIGKILL (see exitWithParent).
 */
export class PlatformProcesses {
  readonly running: RunningApp[] = [];

  constructor(
    private readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  launch(): void {
    mkdirSync(join(this.root, '.local', 'logs'), { recursive: true });
    for (const app of platformApps(this.env)) {
      const logFile = join(this.root, '.local', 'logs', `${app.name}.log`);
      const log = openSync(logFile, 'a');
      const child = spawn(process.execPath, ['--import', 'tsx', app.entry], { cwd: this.root, env: this.env, stdio: ['ignore', log, log, 'ipc'] });
      child.channel?.unref();
      this.running.push({ app, process: child, logFile });
    }
  }

  /** Resolves once every app is ready; throws naming the first that exits or takes too long. */
  async waitUntilReady(onProgress: (line: string) => void): Promise<void> {
    const deadline = Date.now() + readStartupBudgetMs(this.env) + BOOT_MARGIN_MS;
    let lastProgress = Date.now();
    const pending = new Set(this.running);
    while (pending.size > 0) {
      for (const running of pending) {
        const { app, process: child, logFile } = running;
        const readiness = await ready(app.port);
        if (readiness.ok) {
          pending.delete(running);
          onProgress(`  ✓ ${app.name} ready on :${app.port}`);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${app.name} exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${logFile}`);
        } else if (Date.now() > deadline) {
          throw new Error(`${app.name} was not ready on :${app.port} in time (${readiness.detail}); see ${logFile}`);
        } else if (Date.now() - lastProgress > PROGRESS_EVERY_MS && readiness.detail) {
          lastProgress = Date.now();
          onProgress(`  … ${app.name}: ${readiness.detail}`);
        }
      }
      if (pending.size > 0) await sleep(500);
    }
  }

  /** SIGTERM to every app still running; each finishes its batch in hand and exits (SIGKILL after 20 s). */
  async stop(): Promise<void> {
    await Promise.all(
      this.running.map(({ process: child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const forced = sleep(20_000, undefined, { ref: false }).then(() => child.kill('SIGKILL'));
        return Promise.race([exited, forced]);
      }),
    );
  }

  /** Sum of eventline_consumer_lag across the consumer apps' /metrics. */
  async totalLag(): Promise<number> {
    let lag = 0;
    for (const { app } of this.running.filter((r) => r.app.consumer)) {
      const text = await fetch(`http://127.0.0.1:${app.port}/metrics`)
        .then((r) => r.text())
        .catch(() => '');
      for (const line of text.split('\n')) if (line.startsWith('eventline_consumer_lag{')) lag += Number(line.split(' ').pop());
    }
    return lag;
  }

  gatewayUrl(): string {
    return `http://127.0.0.1:${platformApps(this.env).find((a) => a.name === 'ingest-gateway')!.port}`;
  }
}

/** Ready, or what the app says it waits for (its readiness body), or that it does not answer yet. */
async function ready(port: number): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json().catch(() => ({}))) as { status?: string; waitingFor?: string; error?: string; checks?: Record<string, string> };
    if (response.ok) return { ok: true, detail: '' };
    if (body.waitingFor) return { ok: false, detail: `waiting for ${body.waitingFor}: ${body.error}` };
    return { ok: false, detail: body.status ?? `answers ${response.status}` };
  } catch {
    return { ok: false, detail: 'not answering yet' };
  }
}
