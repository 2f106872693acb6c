import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { exited, freePort, startApp, waitForHealth } from '@eventline/test-harness';
import type { BenchRun } from './bench-run';
import { log } from './progress';

export interface BenchApp {
  name: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * One of the real apps as its own process (its main.ts, as `npx nx serve` runs it), on the bench
 * database and the bench topics of `scope` (EVENTLINE_TOPIC_PREFIX), with the main adapter
 * (EVENTLINE_KAFKA_CLIENT). Resolves once /health/ready answers 200; stopping is registered for cleanup.
 */
export async function startBenchApp(run: BenchRun, name: 'audit-projector' | 'ingest-gateway', scope: string, portVariable: string): Promise<BenchApp> {
  const port = await freePort();
  const logDir = join(findWorkspaceRoot(), '.local', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `bench-${run.id}-${name}.log`);
  const child = startApp(
    `apps/${name}/src/main.ts`,
    {
      EVENTLINE_TOPIC_PREFIX: run.prefix(scope),
      EVENTLINE_KAFKA_CLIENT: run.main.client,
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
