import { join } from 'node:path';
import type { ManagedProcess } from './processes';
import type { StackSettings } from './settings';
import { kafkaTlsFiles } from './kafka-sasl/kafka-tls';

/** One KRaft node (broker and controller in one JVM): where it listens and where it keeps its files. */
export interface KafkaNode {
  /** 1-based; Kafka's node.id and the number `stack:kafka stop <n>` takes. */
  id: number;
  port: number;
  controllerPort: number;
  /** The SASL_SSL listener's port, when the cluster has one (EVENTLINE_KAFKA_SECURITY=sasl_ssl). */
  saslPort?: number;
  dataDir: string;
  config: string;
  process: ManagedProcess;
}

/** Everything needed to format, start and stop a set of nodes: the shared stack's or a test's private one. */
export interface KafkaCluster {
  version: string;
  classpath: string;
  log4j: string;
  heap: string;
  /** Extra JVM flags for each node, before the heap size. */
  jvmOptions: string[];
  /** Storage formatting runs as its own short JVM per node; these are their logs and pid files. */
  formatProcess(node: KafkaNode): ManagedProcess;
  nodes: KafkaNode[];
  /** Names the ports' settings in a "port taken" message. */
  portHint: string;
  /** Set when the nodes add a SASL_SSL listener: the PEM file with the broker's key and certificate chain. */
  saslSsl?: { keystore: string };
}

export const BROKER_MAIN = 'kafka.Kafka';
const FORMAT_MAIN = 'StorageTool';

/**
 * Several brokers on two cores: the C1 compiler alone and the serial collector take each JVM up
 * in about half the CPU time (19 s instead of 33 s for three nodes on a loaded 2-core box), at a
 * throughput still far beyond what tests send. One node keeps the JVM's defaults, for the benchmark.
 */
export const lightJvm = (nodes: number) => (nodes === 1 ? [] : ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']);

export const brokerList = (cluster: KafkaCluster) => cluster.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');

export function kafkaLibs(settings: StackSettings) {
  const libs = join(settings.local, 'artifacts', `kafka-${settings.kafka.version}`);
  return { libs, classpath: `${libs}/*`, log4j: join(settings.root, 'infra', 'kafka', 'log4j2.properties') };
}

/**
 * Node n of the stack listens on EVENTLINE_KAFKA_PORT + 2(n-1) and EVENTLINE_KAFKA_CONTROLLER_PORT
 * + 2(n-1): with the defaults 9092/9093, 9094/9095, 9096/9097. Moving the two base ports moves the
 * whole cluster, so two stacks never share a port.
 */
export function nodePorts(settings: StackSettings, id: number): { port: number; controllerPort: number; saslPort?: number } {
  const offset = 2 * (id - 1);
  const sasl = settings.kafka.security === 'sasl_ssl' ? { saslPort: settings.kafka.saslPort + offset } : {};
  return { port: settings.kafka.port + offset, controllerPort: settings.kafka.controllerPort + offset, ...sasl };
}

/**
 * The shared stack's nodes. One node keeps the paths it always had (.local/data/kafka, kafka.log),
 * so a developer's existing data still works; a cluster's nodes live under their own names.
 */
export function stackCluster(settings: StackSettings, nodes = settings.kafka.nodes): KafkaCluster {
  const runDir = join(settings.local, 'run');
  const logs = join(settings.local, 'logs');
  const single = nodes === 1;
  const name = (id: number) => (single ? 'kafka' : `kafka-${id}`);
  const cluster: KafkaCluster = {
    version: settings.kafka.version,
    ...kafkaLibs(settings),
    heap: settings.kafka.heap,
    jvmOptions: lightJvm(nodes),
    formatProcess: (node) => ({ name: `${node.process.name}-format`, marker: FORMAT_MAIN, runDir, logFile: join(logs, `${node.process.name}-format.log`) }),
    portHint: portHint(settings),
    ...(settings.kafka.security === 'sasl_ssl' ? { saslSsl: { keystore: kafkaTlsFiles(settings.local).brokerKeystore } } : {}),
    nodes: Array.from({ length: nodes }, (_, index) => {
      const id = index + 1;
      const ports = nodePorts(settings, id);
      if (Math.max(ports.port, ports.controllerPort, ports.saslPort ?? 0) > 65535) {
        throw new Error(`Kafka node ${id} would listen on ${[ports.port, ports.controllerPort, ports.saslPort].filter(Boolean).join('/')}, beyond 65535: lower ${portHint(settings)}`);
      }
      return {
        id,
        ...ports,
        dataDir: single ? join(settings.local, 'data', 'kafka') : join(settings.local, 'data', 'kafka-cluster', `node-${id}`),
        config: join(settings.local, 'config', `${name(id)}.properties`),
        process: { name: name(id), marker: BROKER_MAIN, runDir, logFile: join(logs, `${name(id)}.log`) },
      };
    }),
  };
  requireDistinctPorts(cluster);
  return cluster;
}

/** A test's cluster in `dir`, on the ports it was given (two per node: broker, controller). */
export function privateCluster(settings: StackSettings, dir: string, ports: number[], heap: string): KafkaCluster {
  const nodes = ports.length / 2;
  const cluster: KafkaCluster = {
    version: settings.kafka.version,
    ...kafkaLibs(settings),
    heap,
    jvmOptions: lightJvm(ports.length / 2),
    formatProcess: (node) => ({ name: `node-${node.id}-format`, marker: FORMAT_MAIN, runDir: join(dir, 'run'), logFile: join(dir, 'logs', `node-${node.id}-format.log`) }),
    portHint: 'the ports chosen for the private cluster',
    nodes: Array.from({ length: nodes }, (_, index) => {
      const id = index + 1;
      return {
        id,
        port: ports[2 * index],
        controllerPort: ports[2 * index + 1],
        dataDir: join(dir, 'data', `node-${id}`),
        config: join(dir, 'config', `node-${id}.properties`),
        process: { name: `node-${id}`, marker: BROKER_MAIN, runDir: join(dir, 'run'), logFile: join(dir, 'logs', `node-${id}.log`) },
      };
    }),
  };
  requireDistinctPorts(cluster);
  return cluster;
}

const portHint = (settings: StackSettings) =>
  settings.kafka.security === 'sasl_ssl' ? 'EVENTLINE_KAFKA_PORT / EVENTLINE_KAFKA_CONTROLLER_PORT / EVENTLINE_KAFKA_SASL_PORT' : 'EVENTLINE_KAFKA_PORT / EVENTLINE_KAFKA_CONTROLLER_PORT';

/** Every port a node listens on. */
export const nodeListenPorts = (node: KafkaNode) => [node.port, node.controllerPort, ...(node.saslPort === undefined ? [] : [node.saslPort])];

function requireDistinctPorts(cluster: KafkaCluster): void {
  const ports = cluster.nodes.flatMap(nodeListenPorts);
  const repeated = ports.find((port, index) => ports.indexOf(port) !== index);
  if (repeated !== undefined) {
    throw new Error(`Kafka port ${repeated} would be used twice in a ${cluster.nodes.length}-node cluster; choose ${cluster.portHint} further apart`);
  }
}

/** Node `id` of `cluster`, or an error that says which numbers exist. */
export function clusterNode(cluster: KafkaCluster, id: number): KafkaNode {
  const node = cluster.nodes.find((candidate) => candidate.id === id);
  if (!node) {
    const range = cluster.nodes.length === 1 ? 'only node 1' : `nodes 1-${cluster.nodes.length}`;
    throw new Error(`Kafka node ${String(id)} does not exist: the cluster has ${range} (EVENTLINE_KAFKA_NODES sets how many)`);
  }
  return node;
}
