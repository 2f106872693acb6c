import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors';
import { materialise } from './maven';
import { requireFreePorts, waitUntil } from './net';
import type { PostgresTarget } from './postgres';
import { isAlive, logTail, startDetached, type ManagedProcess } from './processes';
import type { StackSettings } from './settings';

const MARKER = 'apicurio-registry';

export function registryProcess(settings: StackSettings): ManagedProcess {
  return { name: 'schema-registry', marker: MARKER, runDir: join(settings.local, 'run'), logFile: join(settings.local, 'logs', 'schema-registry.log') };
}

/** Apicurio's Confluent-compatible API: what every client in Eventline talks to. */
export const registryUrl = (settings: StackSettings) => `http://127.0.0.1:${settings.registry.port}/apis/ccompat/v7`;

const distDir = (settings: StackSettings) => join(settings.local, 'artifacts', `apicurio-${settings.registry.version}`);

export function ensureRegistryDist(settings: StackSettings) {
  return materialise({
    label: `Apicurio Registry ${settings.registry.version}`,
    pom: join(settings.root, 'infra', 'apicurio', 'pom.xml'),
    goal: 'dependency:unpack',
    targetDir: distDir(settings),
    logFile: join(settings.local, 'logs', 'maven-apicurio.log'),
  });
}

/** 3.0.x ships `*-runner.jar`; later 3.x ship `quarkus-run.jar`. */
function runnerJar(dir: string): string {
  const jar = readdirSync(dir).find((name) => name === 'quarkus-run.jar' || name.endsWith('-runner.jar'));
  if (!jar) throw new StackError(`No runnable jar in ${dir}; delete that folder and run stack:up again.`);
  return join(dir, jar);
}

function systemProperties(settings: StackSettings, pg: PostgresTarget): string[] {
  const properties: Record<string, string | number> = {
    'quarkus.http.host': '127.0.0.1',
    'quarkus.http.port': settings.registry.port,
    // Health and metrics on the main port: one port to open, one to check.
    'quarkus.management.enabled': 'false',
    'quarkus.otel.sdk.disabled': 'true',
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'postgresql',
    'apicurio.datasource.url': pg.registryJdbcUrl,
    'apicurio.datasource.username': pg.user,
    'apicurio.datasource.password': pg.password,
    'apicurio.datasource.jdbc.initial-size': 2,
    'apicurio.datasource.jdbc.min-size': 2,
    'apicurio.datasource.jdbc.max-size': 20,
    // The event catalog holds hundreds of subjects; the default cap is 1000.
    'apicurio.ccompat.max-subjects': 20000,
  };
  return Object.entries(properties).map(([key, value]) => `-D${key}=${value}`);
}

export async function startRegistry(settings: StackSettings, pg: PostgresTarget): Promise<number> {
  await requireFreePorts([settings.registry.port], 'the schema registry', 'EVENTLINE_REGISTRY_PORT');
  const dir = distDir(settings);
  const args = [`-Xmx${settings.registry.heap}`, ...systemProperties(settings, pg), '-jar', runnerJar(dir)];
  return startDetached(registryProcess(settings), 'java', args, { cwd: dir });
}

export async function waitForRegistry(settings: StackSettings, pid: number): Promise<void> {
  const proc = registryProcess(settings);
  const ready = await waitUntil(async () => (await fetch(`${registryUrl(settings)}/subjects`)).ok, {
    timeoutMs: settings.readyTimeoutMs,
    abort: () => (isAlive(pid) ? undefined : 'the registry process exited'),
  });
  if (!ready.ok) {
    throw new StackError(`The schema registry did not start: ${ready.reason}.`, { file: proc.logFile, lines: logTail(proc.logFile) });
  }
}
