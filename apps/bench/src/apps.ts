import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_NODE_OPTIONS, findWorkspaceRoot } from '@eventline/stack-config';
import { exited, freePort, waitForHealth } from '@eventline/test-harness';
import type { BenchRun } from './bench-run';
import { log } from './progress';

export interface BenchApp {
  name: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

type BenchAppName = 'audit-projector' | 'ingest-gateway';

/**
 * Builds the apps as they are deployed (`npx nx build`, tsc to dist/apps/<name>), so P5, P7 and P10
 * measure the built code under plain node, not a TypeScript loader: tsx's transform and source
 * maps add about 150 MB of RSS and per-request cost that no deployment has.
 */
export async function buildBenchApps(names: BenchAppName[]): Promise<void> {
  log(`building ${names.join(', ')} (dist/apps, as deployed)…`);
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'infra/build/src/cli.ts', ...names], { cwd: findWorkspaceRoot() });
}

/**
 * One of the real apps, built (buildBenchApps), as its own process on the bench
 * database and the bench topics of `scope` (EVENTLINE_TOPIC_PREFIX), with the main adapter
 * (the platform's own Kafka client choice: EVENTLINE_KAFKA_CLIENT and the per-side variables, else the default). Resolves once /health/ready answers 200; stopping is registered for cleanup.
 */
export async function startBenchApp(run: BenchRun, name: BenchAppName, scope: string, portVariable: string): Promise<BenchApp> {
  const port = await freePort();
  const logDir = join(findWorkspaceRoot(), '.local', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `bench-${run.id}-${name}.log`);
  const child = startBuiltApp(
    name,
    {
      EVENTLINE_TOPIC_PREFIX: run.prefix(scope),
      KAFKA_BROKERS: run.endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: run.endpoints.schemaRegistryUrl,
      DATABASE_URL: run.db.url,
      [portVariable]: String(port),
    },
    logFile,
  );
  const stop = run.cleanup.addOnce(`stop the ${name} process`, () => stopChild(child));
  log(`${name} started as pid ${child.pid} on :${port} (log: ${logFile}); waiting for /health/ready…`);
  try {
    await Promise.race([waitForHealth(port, 120_000), exited(child).then(() => Promise.reject(new Error(`${name} exited with ${child.exitCode ?? child.signalCode}: ${tail(logFile)}`)))]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, port, child, logFile, stop };
}

function startBuiltApp(name: BenchAppName, env: Record<string, string>, logFile: string): ChildProcess {
  const output = openSync(logFile, 'a');
  const root = join(findWorkspaceRoot(), 'dist', 'apps', name);
  const child = spawn(process.execPath, [`apps/${name}/src/main.js`], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: APP_NODE_OPTIONS, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', output, output, 'ipc'],
  });
  // The channel makes the app exit should the bench die; it must not keep the bench alive.
  child.channel?.unref();
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const gone = await Promise.race([exited(child).then(() => true), sleep(15_000).then(() => false)]);
  if (!gone) child.kill('SIGKILL');
}

/** The process's resident set (VmRSS) in MB, from /proc; undefined once it has gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-1_500);
  } catch {
    return '(no log)';
  }
}
