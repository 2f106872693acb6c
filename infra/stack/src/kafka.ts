import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createKafkaPort, topicDurability } from '@eventline/kafka-port';
import { StackError } from './errors';
import { BROKER_MAIN, brokerList, kafkaLibs, nodeListenPorts, type KafkaCluster, type KafkaNode } from './kafka-layout';
import { KAFKA_ADMIN_USER } from './kafka-sasl/kafka-users';
import { materialise } from './maven';
import { isPortOpen, requireFreePorts, waitUntil } from './net';
import { isAlive, logTail, runningPid, startDetached, stopProcess } from './processes';
import type { StackSettings } from './settings';

export function ensureKafkaJars(settings: StackSettings) {
  return materialise({
    label: `Apache Kafka ${settings.kafka.version} jars`,
    pom: join(settings.root, 'infra', 'kafka', 'pom.xml'),
    goal: 'dependency:copy-dependencies',
    targetDir: kafkaLibs(settings).libs,
    logFile: join(settings.local, 'logs', 'maven-kafka.log'),
  });
}

const controllers = (cluster: KafkaCluster) => cluster.nodes.map((node) => `127.0.0.1:${node.controllerPort}`).join(',');

/** One KRaft node acting as broker and controller, sized for a laptop or CI runner. */
export function brokerProperties(cluster: KafkaCluster, node: KafkaNode): string {
  // Internal topics get the copies user topics get: on three nodes, a lost broker loses no offsets or transactions.
  const { replicationFactor, config } = topicDurability(cluster.nodes.length);
  const minIsr = config['min.insync.replicas'];
  return [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.bootstrap.servers=${controllers(cluster)}`,
    ...listenerProperties(cluster, node),
    `log.dirs=${node.dataDir}`,
    'num.partitions=3',
    `offsets.topic.replication.factor=${replicationFactor}`,
    `transaction.state.log.replication.factor=${replicationFactor}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${replicationFactor}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'group.initial.rebalance.delay.ms=0',
    // Topics come from the event catalog, never from a typo in a producer.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

function listenerProperties(cluster: KafkaCluster, node: KafkaNode): string[] {
  const plain = {
    listeners: `PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    advertised: `PLAINTEXT://127.0.0.1:${node.port}`,
    protocols: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
  };
  const common = ['controller.listener.names=CONTROLLER', 'inter.broker.listener.name=PLAINTEXT'];
  if (!cluster.saslSsl || node.saslPort === undefined) {
    return [`listeners=${plain.listeners}`, `advertised.listeners=${plain.advertised}`, ...common, `listener.security.protocol.map=${plain.protocols}`];
  }
  const sasl = `SASL_SSL://127.0.0.1:${node.saslPort}`;
  return [
    `listeners=${plain.listeners},${sasl}`,
    `advertised.listeners=${plain.advertised},${sasl}`,
    ...common,
    `listener.security.protocol.map=${plain.protocols},SASL_SSL:SASL_SSL`,
    ...saslSslProperties(cluster.saslSsl.keystore),
  ];
}

/**
 * The SASL_SSL listener: SCRAM-SHA-512 users (made by the stack, see kafka-sasl/), the broker's
 * PEM key and chain signed by the stack's CA, and KRaft's StandardAuthorizer with no ACL meaning
 * no access. The PLAINTEXT and CONTROLLER listeners stay open to the local machine: their
 * principal, User:ANONYMOUS, is a super user, so the stack, its tools, the tests and the other
 * nodes keep working unchanged. Only the SASL_SSL listener is locked down.
 */
function saslSslProperties(keystore: string): string[] {
  return [
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${keystore}`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:ANONYMOUS;User:${KAFKA_ADMIN_USER}`,
    'allow.everyone.if.no.acl.found=false',
  ];
}

// Kafka cluster and directory ids are 16 random bytes in URL-safe base64, as `kafka-storage random-uuid` prints.
const kafkaUuid = () => randomBytes(16).toString('base64url');

const isFormatted = (node: KafkaNode) => existsSync(join(node.dataDir, 'meta.properties'));

/**
 * Formats the nodes' log dirs once, all with one cluster id. One node bootstraps a quorum of its
 * own (--standalone); several name every voter up front (--initial-controllers, KIP-853), so the
 * three start as one quorum of three. A cluster formatted only in part would risk two quorums,
 * so that is refused rather than repaired.
 */
async function formatStorage(cluster: KafkaCluster): Promise<void> {
  const formatted = cluster.nodes.filter(isFormatted);
  if (formatted.length === cluster.nodes.length) return;
  if (formatted.length > 0) {
    const missing = cluster.nodes.filter((node) => !isFormatted(node)).map((node) => node.dataDir);
    throw new StackError(
      `Kafka nodes ${formatted.map((n) => n.id).join(', ')} have data but ${missing.join(', ')} has none. Remove ${dirname(missing[0])} to start the cluster afresh (its topics go with it).`,
    );
  }
  const clusterId = kafkaUuid();
  const quorum = cluster.nodes.length === 1 ? ['--standalone'] : ['--initial-controllers', cluster.nodes.map((node) => `${node.id}@127.0.0.1:${node.controllerPort}:${kafkaUuid()}`).join(',')];
  await Promise.all(cluster.nodes.map((node) => formatNode(cluster, node, clusterId, quorum)));
}

async function formatNode(cluster: KafkaCluster, node: KafkaNode, clusterId: string, quorum: string[]): Promise<void> {
  const proc = cluster.formatProcess(node);
  // A short-lived tool: C1 alone starts it faster, and the brokers' JIT need not compete with it.
  const pid = startDetached(proc, 'java', [
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j2.configurationFile=${cluster.log4j}`,
    '-cp',
    cluster.classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    node.config,
    ...quorum,
  ]);
  const exited = await waitUntil(async () => !isAlive(pid), { timeoutMs: 60_000, intervalMs: 200 });
  if (!exited.ok || !isFormatted(node)) {
    throw new StackError(`Formatting the log dir of Kafka node ${node.id} failed.`, { file: proc.logFile, lines: logTail(proc.logFile) });
  }
}

/** Writes every node's config and formats the log dirs that need it; safe to repeat. */
export async function prepareCluster(cluster: KafkaCluster): Promise<void> {
  for (const node of cluster.nodes) {
    mkdirSync(node.dataDir, { recursive: true });
    mkdirSync(dirname(node.config), { recursive: true });
    writeFileSync(node.config, brokerProperties(cluster, node));
  }
  await formatStorage(cluster);
}

/** Starts the node's JVM in the background and returns its pid; the cluster must be prepared. */
export async function startNode(cluster: KafkaCluster, node: KafkaNode): Promise<number> {
  await requireFreePorts(nodeListenPorts(node), `Kafka node ${node.id}`, cluster.portHint);
  return startDetached(node.process, 'java', [
    ...cluster.jvmOptions,
    `-Xms256m`,
    `-Xmx${cluster.heap}`,
    `-Dlog4j2.configurationFile=${cluster.log4j}`,
    '-cp',
    cluster.classpath,
    BROKER_MAIN,
    node.config,
  ]);
}

/** Starts the nodes not running yet (preparing the cluster first); returns the names it started. */
export async function startCluster(cluster: KafkaCluster): Promise<string[]> {
  const missing = cluster.nodes.filter((node) => runningPid(node.process) === undefined);
  if (missing.length === 0) return [];
  await prepareCluster(cluster);
  // Every port is checked before any JVM starts, so a taken port leaves nothing half started.
  for (const node of missing) await requireFreePorts(nodeListenPorts(node), `Kafka node ${node.id}`, cluster.portHint);
  for (const node of missing) await startNode(cluster, node);
  return missing.map((node) => node.process.name);
}

/** Resolves once every node is registered as a broker; fails early, with its log, when a node's process exits. */
export async function waitForCluster(cluster: KafkaCluster, timeoutMs: number): Promise<void> {
  let dead: KafkaNode | undefined;
  const ready = await waitUntil(() => allBrokersAnswer(cluster), {
    timeoutMs,
    abort: () => {
      dead = cluster.nodes.find((node) => runningPid(node.process) === undefined);
      return dead ? `the process of node ${dead.id} exited` : undefined;
    },
  });
  if (!ready.ok) {
    const log = (dead ?? cluster.nodes[0]).process.logFile;
    throw new StackError(`Kafka did not start: ${ready.reason}.`, { file: log, lines: logTail(log) });
  }
}

async function allBrokersAnswer(cluster: KafkaCluster): Promise<boolean> {
  if (!(await isPortOpen(cluster.nodes[0].port))) return false;
  const admin = createKafkaPort({ brokers: brokerList(cluster).split(','), clientId: 'eventline-stack', retries: 0, silent: true }).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers === cluster.nodes.length;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export type NodeSignal = 'SIGTERM' | 'SIGKILL';

/** SIGTERM (SIGKILL after `graceMs`), or SIGKILL at once: a crash, as the fault tests need. */
export function stopNode(node: KafkaNode, signal: NodeSignal = 'SIGTERM', graceMs = 30_000) {
  return stopProcess(node.process, graceMs, signal === 'SIGKILL');
}
