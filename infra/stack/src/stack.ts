import { SASL_STACK_KEYS, type StackEnvKey } from '@eventline/stack-config';
import { ensureKafkaJars, startCluster, waitForCluster } from './kafka';
import { brokerList, stackCluster } from './kafka-layout';
import { StackError } from './errors';
import { requireJava, requireMaven } from './java';
import { isPortOpen } from './net';
import { embeddedPostgresProcess, resolvePostgres } from './postgres';
import { step } from './progress';
import { isAlive, runningPid, stopProcess, type ManagedProcess } from './processes';
import { ensureRegistryDist, registryProcess, registryUrl, startRegistry, waitForRegistry } from './registry';
import type { StackSettings } from './settings';
import { ensureDevKeys } from './dev-keys';
import { writeEnvFile } from './write-env-file';
import { ensureKafkaTls } from './kafka-sasl/kafka-tls';
import { provisionSaslListener, requireSaslListener } from './kafka-sasl/sasl-listener';

export type StackEnv = Record<StackEnvKey, string>;

export interface UpResult {
  env: StackEnv;
  started: string[];
  alreadyRunning: string[];
  /** The SASL_SSL listener's brokers, when EVENTLINE_KAFKA_SECURITY=sasl_ssl. */
  saslBrokers?: string;
}

/** Starts whatever is not running yet; a second call with everything up only re-checks and returns. */
export async function up(settings: StackSettings): Promise<UpResult> {
  const started: string[] = [];
  const alreadyRunning: string[] = [];
  const pg = await step('PostgreSQL', () => resolvePostgres(settings));
  console.log(`    using ${pg.source}`);

  const kafka = stackCluster(settings);
  refuseOtherKafkaShape(settings);
  const registry = registryProcess(settings);
  const missing = [...kafka.nodes.map((node) => node.process), registry].filter((proc) => runningPid(proc) === undefined);
  if (missing.length > 0) {
    await step('Java and Maven', async () => {
      await requireJava();
      await requireMaven();
    });
  }

  const kafkaMissing = kafka.nodes.some((node) => runningPid(node.process) === undefined);
  if (kafkaMissing) await step(`Kafka ${settings.kafka.version} jars`, () => ensureKafkaJars(settings));
  if (kafka.saslSsl) {
    await requireSaslListener(kafka);
    await step('Kafka TLS certificates (.local/kafka-tls)', async () => void ensureKafkaTls(settings.local));
  }
  const kafkaStarted = await startCluster(kafka);
  started.push(...kafkaStarted);
  alreadyRunning.push(...kafka.nodes.map((node) => node.process.name).filter((name) => !kafkaStarted.includes(name)));

  let registryPid = runningPid(registry);
  if (registryPid === undefined) {
    await step(`Apicurio Registry ${settings.registry.version}`, () => ensureRegistryDist(settings));
    registryPid = await startRegistry(settings, pg);
    started.push('schema-registry');
  } else alreadyRunning.push('schema-registry');

  // Both JVMs boot in parallel; waiting here, not after each start, saves a few seconds.
  await step(kafka.nodes.length === 1 ? 'Kafka ready' : `Kafka ready (${kafka.nodes.length} brokers)`, () => waitForCluster(kafka, settings.readyTimeoutMs));
  await step('schema registry ready', () => waitForRegistry(settings, registryPid));
  const sasl = kafka.saslSsl ? await step('Kafka SASL_SSL users and ACLs', () => provisionSaslListener(kafka, settings.local)) : {};

  const env: StackEnv = {
    KAFKA_BROKERS: brokerList(kafka),
    SCHEMA_REGISTRY_URL: registryUrl(settings),
    DATABASE_URL: pg.databaseUrl,
  };
  writeEnvFile(settings, { ...env, ...sasl }, 'Written by `npm run stack:up`; the environment overrides any line here.');
  ensureDevKeys(settings.local);
  return { env, started, alreadyRunning, ...(kafka.saslSsl ? { saslBrokers: sasl[SASL_STACK_KEYS.brokers] } : {}) };
}

/** The other node count's Kafka (one node vs a cluster) would hold the same ports and must be stopped first. */
function refuseOtherKafkaShape(settings: StackSettings): void {
  const other = settings.kafka.nodes === 1 ? (otherShapeNodes(settings) ?? []) : stackCluster(settings, 1).nodes;
  const running = other.filter((node) => runningPid(node.process) !== undefined);
  if (running.length > 0) {
    throw new StackError(
      `The stack's Kafka runs with ${other.length} node(s) (${running.map((n) => n.process.name).join(', ')}), but EVENTLINE_KAFKA_NODES asks for ${settings.kafka.nodes}. Run \`npm run stack:down\` first.`,
    );
  }
}

/** Every Kafka node the stack may have started, whichever EVENTLINE_KAFKA_NODES started it. */
const allKafkaNodes = (settings: StackSettings) => [...stackCluster(settings, 1).nodes, ...(otherShapeNodes(settings) ?? [])];

/** The cluster's nodes when one node is configured; none when the base ports leave no room for three (so none ran). */
function otherShapeNodes(settings: StackSettings) {
  if (settings.kafka.nodes !== 1) return stackCluster(settings).nodes;
  try {
    return stackCluster(settings, 3).nodes;
  } catch {
    return undefined;
  }
}

const managed = (settings: StackSettings): ManagedProcess[] => [registryProcess(settings), ...allKafkaNodes(settings).map((node) => node.process), embeddedPostgresProcess(settings)];

/** Stops every server this stack started (never a PostgreSQL it merely used), registry first. */
export async function down(settings: StackSettings): Promise<Record<string, string>> {
  const outcomes: Record<string, string> = {};
  const stop = async (proc: ManagedProcess) => void (outcomes[proc.name] = await stopProcess(proc));
  await stop(registryProcess(settings));
  // All nodes at once: one by one, the last would wait out its grace period for a controller
  // quorum that left with the others, and be killed.
  await Promise.all(allKafkaNodes(settings).map((node) => stop(node.process)));
  await stop(embeddedPostgresProcess(settings));
  return Object.fromEntries(managed(settings).map((proc) => [proc.name, outcomes[proc.name]]));
}

export interface ServiceStatus {
  name: string;
  pid: number | undefined;
  running: boolean;
  port: number;
  portOpen: boolean;
}

/** The configured services, plus any Kafka node of the other node count that still runs. */
export async function status(settings: StackSettings): Promise<ServiceStatus[]> {
  const services: Array<{ proc: ManagedProcess; port: number; listed: boolean }> = [
    { proc: registryProcess(settings), port: settings.registry.port, listed: true },
    ...allKafkaNodes(settings).map((node) => ({ proc: node.process, port: node.port, listed: settings.kafka.nodes === 1 ? node.process.name === 'kafka' : node.process.name !== 'kafka' })),
    { proc: embeddedPostgresProcess(settings), port: settings.postgres.embeddedPort, listed: true },
  ];
  const rows = await Promise.all(
    services.map(async ({ proc, port, listed }) => {
      const pid = runningPid(proc);
      const running = pid !== undefined && isAlive(pid);
      return { listed: listed || running, row: { name: proc.name, pid, running, port, portOpen: await isPortOpen(port) } };
    }),
  );
  return rows.filter((entry) => entry.listed).map((entry) => entry.row);
}
