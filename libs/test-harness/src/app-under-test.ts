import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { assertProjectNode, exited, health, spawnApp } from './app-process';
import { freePort } from './late-port';

export interface AppUnderTestOptions {
  /** The app's folder under apps/ (its src/main.ts is started), or the path of another entry file. */
  app: string;
  /** On top of the test's environment, e.g. EVENTLINE_TOPIC_PREFIX. */
  env?: Record<string, string>;
  /** The port the app serves /health and /metrics on, handed over in `portVariable`; a free one when omitted. */
  port?: number;
  /** `<APP>_PORT` (ingest-gateway: INGEST_PORT) unless given; an entry file gets none unless given. */
  portVariable?: string;
  /** How long to wait for /health/ready to answer 200; false returns once the process is spawned. */
  readyTimeoutMs?: number | false;
  /** Also appends the app's output to this file (for reading a failing run after the test). */
  logFile?: string;
}

export interface AppUnderTest {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly child: ChildProcess;
  /** The last LOG_LIMIT characters the app printed, stdout and stderr. */
  logs(): string;
  /** Resolves once the process has exited and what it printed is in logs() (and the log file). */
  exited(): Promise<void>;
  /**
   * Sends `signal` (SIGTERM unless told), then SIGKILL once `graceMs` has passed without an exit;
   * resolves when the process has exited. Calling it again, or after the app exited, is harmless.
   */
  stop(options?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<void>;
}

const LOG_LIMIT = 200_000;
const DEFAULT_READY_MS = 120_000;
const DEFAULT_GRACE_MS = 15_000;
const OUTPUT_DRAIN_MS = 2_000;
const PORT_VARIABLES: Record<string, string> = { 'ingest-gateway': 'INGEST_PORT' };

export const defaultPortVariable = (app: string) => PORT_VARIABLES[app] ?? `${app.replace(/-/g, '_').toUpperCase()}_PORT`;

/**
 * Starts an app as its own process (see startApp), waits until it is ready, and hands back how to
 * reach it, what it printed and how to stop it. An app that exits before it is ready, or is not
 * ready in time, fails the call with its last output, and is not left running.
 */
export async function startAppUnderTest(options: AppUnderTestOptions): Promise<AppUnderTest> {
  const entry = options.app.includes('/') ? options.app : `apps/${options.app}/src/main.ts`;
  const port = options.port ?? (await freePort());
  const portVariable = options.portVariable ?? (entry === options.app ? undefined : defaultPortVariable(options.app));
  const child = spawnApp(entry, { ...(portVariable ? { [portVariable]: String(port) } : {}), ...options.env }, 'pipe');
  const app = underTest(child, port, collectLogs(child, options.logFile));
  if (options.readyTimeoutMs === false) return app;
  try {
    await untilReady(app, options.readyTimeoutMs ?? DEFAULT_READY_MS);
    return app;
  } catch (error) {
    await app.stop({ signal: 'SIGKILL' });
    throw new Error(`${entry} on :${port}: ${(error as Error).message}\nIts last output:\n${lastLines(app.logs(), 30)}`, { cause: error });
  }
}

function underTest(child: ChildProcess, port: number, logs: () => string): AppUnderTest {
  // 'close' comes once the output pipes are drained too; a process that handed them on to a
  // child of its own might hold them open, so the wait for them is bounded.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const drained = async () => {
    await exited(child);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, OUTPUT_DRAIN_MS).unref())]);
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    logs,
    exited: drained,
    async stop({ signal = 'SIGTERM', graceMs = DEFAULT_GRACE_MS } = {}) {
      if (!hasExited(child)) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await drained();
      clearTimeout(timer);
    },
  };
}

function collectLogs(child: ChildProcess, logFile: string | undefined): () => string {
  let text = '';
  const keep = (chunk: string) => {
    text = (text + chunk).slice(-LOG_LIMIT);
    if (logFile) appendFileSync(logFile, chunk);
  };
  // Decoded as UTF-8 per stream, so a character split across two chunks stays whole.
  for (const stream of [child.stdout, child.stderr]) stream?.setEncoding('utf8').on('data', keep);
  return () => text;
}

/** Like waitForHealth, but gives up as soon as the process has exited. */
async function untilReady(app: AppUnderTest, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(app.child)) throw new Error(`exited (${app.child.exitCode ?? app.child.signalCode}) before /health/ready answered 200`);
    const answer = await health(app.port);
    if (answer) assertProjectNode(app.port, answer.body.node);
    if (answer?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms; /health/ready last answered ${answer ? `${answer.status} ${JSON.stringify(answer.body)}` : 'nothing'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
const lastLines = (text: string, count: number) => text.trimEnd().split('\n').slice(-count).join('\n');

/** Runs an app that is expected to stop by itself (refusing to start, say): its exit code and everything it printed. */
export async function runToExit(entry: string, env: Record<string, string> = {}): Promise<{ exitCode: number | null; output: string }> {
  const app = await startAppUnderTest({ app: entry, env, readyTimeoutMs: false });
  await app.exited();
  return { exitCode: app.child.exitCode, output: app.logs() };
}
