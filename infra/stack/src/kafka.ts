import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafkaPort } from '@eventline/kafka-port';
import { StackError } from './errors';
import { materialise } from './maven';
import { isPortOpen, requireFreePorts, waitUntil } from './net';
import { isAlive, logTail, startDetached, type ManagedProcess } from './processes';
import type { StackSettings } from './settings';

const BROKER_MAIN = 'kafka.Kafka';

export function kafkaProcess(settings: StackSettings): ManagedProcess {
  return { name: 'kafka', marker: BROKER_MAIN, runDir: join(settings.local, 'run'), logFile: join(settings.local, 'logs', 'kafka.log') };
}

export const kafkaBrokers = (settings: StackSettings) => `127.0.0.1:${settings.kafka.port}`;

function paths(settings: StackSettings) {
  const libs = join(settings.local, 'artifacts', `kafka-${settings.kafka.version}`);
  return {
    libs,
    classpath: `${libs}/*`,
    dataDir: join(settings.local, 'data', 'kafka'),
    config: join(settings.local, 'config', 'kafka.properties'),
    log4j: join(settings.root, 'infra', 'kafka', 'log4j2.properties'),
  };
}

export function ensureKafkaJars(settings: StackSettings) {
  return materialise({
    label: `Apache Kafka ${settings.kafka.version} jars`,
    pom: join(settings.root, 'infra', 'kafka', 'pom.xml'),
    goal: 'dependency:copy-dependencies',
    targetDir: paths(settings).libs,
    logFile: join(settings.local, 'logs', 'maven-kafka.log'),
  });
}

/** A single KRaft node acting as broker and controller, sized for a laptop or CI runner. */
function brokerProperties(settings: StackSettings, dataDir: string): string {
  const { port, controllerPort } = settings.kafka;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    // One node: internal topics cannot have more than one replica.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics come from the event catalog, never from a typo in a producer.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

async function formatStorage(settings: StackSettings): Promise<void> {
  const { classpath, dataDir, config, log4j } = paths(settings);
  if (existsSync(join(dataDir, 'meta.properties'))) return;
  // Kafka cluster ids are 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` prints.
  const clusterId = randomBytes(16).toString('base64url');
  const proc: ManagedProcess = { name: 'kafka-format', marker: 'StorageTool', runDir: join(settings.local, 'run'), logFile: join(settings.local, 'logs', 'kafka-format.log') };
  const pid = startDetached(proc, 'java', [`-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config, '--standalone']);
  const exited = await waitUntil(async () => !isAlive(pid), { timeoutMs: 60_000, intervalMs: 200 });
  if (!exited.ok || !existsSync(join(dataDir, 'meta.properties'))) {
    throw new StackError('Formatting the Kafka log dir failed.', { file: proc.logFile, lines: logTail(proc.logFile) });
  }
}

export async function startKafka(settings: StackSettings): Promise<number> {
  const proc = kafkaProcess(settings);
  const { classpath, dataDir, config, log4j } = paths(settings);
  await requireFreePorts([settings.kafka.port, settings.kafka.controllerPort], 'Kafka', 'EVENTLINE_KAFKA_PORT / EVENTLINE_KAFKA_CONTROLLER_PORT');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(join(settings.local, 'config'), { recursive: true });
  writeFileSync(config, brokerProperties(settings, dataDir));
  await formatStorage(settings);
  const heap = settings.kafka.heap;
  return startDetached(proc, 'java', [`-Xms256m`, `-Xmx${heap}`, `-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, BROKER_MAIN, config]);
}

export async function waitForKafka(settings: StackSettings, pid: number): Promise<void> {
  const proc = kafkaProcess(settings);
  const ready = await waitUntil(() => clusterAnswers(settings), {
    timeoutMs: settings.readyTimeoutMs,
    abort: () => (isAlive(pid) ? undefined : 'the broker process exited'),
  });
  if (!ready.ok) {
    throw new StackError(`Kafka did not start: ${ready.reason}.`, { file: proc.logFile, lines: logTail(proc.logFile) });
  }
}

async function clusterAnswers(settings: StackSettings): Promise<boolean> {
  if (!(await isPortOpen(settings.kafka.port))) return false;
  const admin = createKafkaPort({ brokers: [kafkaBrokers(settings)], clientId: 'eventline-stack' }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers > 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
