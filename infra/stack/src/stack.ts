import type { StackEnvKey } from '@eventline/stack-config';
import { ensureKafkaJars, kafkaBrokers, kafkaProcess, startKafka, waitForKafka } from './kafka';
import { requireJava, requireMaven } from './java';
import { isPortOpen } from './net';
import { embeddedPostgresProcess, resolvePostgres } from './postgres';
import { step } from './progress';
import { isAlive, runningPid, stopProcess, type ManagedProcess } from './processes';
import { ensureRegistryDist, registryProcess, registryUrl, startRegistry, waitForRegistry } from './registry';
import type { StackSettings } from './settings';
import { writeEnvFile } from './write-env-file';

export type StackEnv = Record<StackEnvKey, string>;

export interface UpResult {
  env: StackEnv;
  started: string[];
  alreadyRunning: string[];
}

/** Starts whatever is not running yet; a second call with everything up only re-checks and returns. */
export async function up(settings: StackSettings): Promise<UpResult> {
  const started: string[] = [];
  const alreadyRunning: string[] = [];
  const pg = await step('PostgreSQL', () => resolvePostgres(settings));
  console.log(`    using ${pg.source}`);

  const kafka = kafkaProcess(settings);
  const registry = registryProcess(settings);
  const missing = [kafka, registry].filter((proc) => runningPid(proc) === undefined);
  if (missing.length > 0) {
    await step('Java and Maven', async () => {
      await requireJava();
      await requireMaven();
    });
  }

  let kafkaPid = runningPid(kafka);
  if (kafkaPid === undefined) {
    await step(`Kafka ${settings.kafka.version} jars`, () => ensureKafkaJars(settings));
    kafkaPid = await startKafka(settings);
    started.push('kafka');
  } else alreadyRunning.push('kafka');

  let registryPid = runningPid(registry);
  if (registryPid === undefined) {
    await step(`Apicurio Registry ${settings.registry.version}`, () => ensureRegistryDist(settings));
    registryPid = await startRegistry(settings, pg);
    started.push('schema-registry');
  } else alreadyRunning.push('schema-registry');

  // Both JVMs boot in parallel; waiting here, not after each start, saves a few seconds.
  await step('Kafka ready', () => waitForKafka(settings, kafkaPid));
  await step('schema registry ready', () => waitForRegistry(settings, registryPid));

  const env: StackEnv = {
    KAFKA_BROKERS: kafkaBrokers(settings),
    SCHEMA_REGISTRY_URL: registryUrl(settings),
    DATABASE_URL: pg.databaseUrl,
  };
  writeEnvFile(settings, env, 'Written by `npm run stack:up`; the environment overrides any line here.');
  return { env, started, alreadyRunning };
}

const managed = (settings: StackSettings): ManagedProcess[] => [
  registryProcess(settings),
  kafkaProcess(settings),
  embeddedPostgresProcess(settings),
];

/** Stops every server this stack started (never a PostgreSQL it merely used), registry first. */
export async function down(settings: StackSettings): Promise<Record<string, string>> {
  const outcomes: Record<string, string> = {};
  for (const proc of managed(settings)) outcomes[proc.name] = await stopProcess(proc);
  return outcomes;
}

export interface ServiceStatus {
  name: string;
  pid: number | undefined;
  running: boolean;
  port: number;
  portOpen: boolean;
}

export async function status(settings: StackSettings): Promise<ServiceStatus[]> {
  const ports: Record<string, number> = {
    kafka: settings.kafka.port,
    'schema-registry': settings.registry.port,
    postgres: settings.postgres.embeddedPort,
  };
  return Promise.all(
    managed(settings).map(async (proc) => {
      const pid = runningPid(proc);
      return { name: proc.name, pid, running: pid !== undefined && isAlive(pid), port: ports[proc.name], portOpen: await isPortOpen(ports[proc.name]) };
    }),
  );
}
