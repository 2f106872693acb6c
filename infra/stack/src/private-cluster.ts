import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@eventline/test-harness';
import { ensureKafkaJars, prepareCluster, startCluster, startNode, stopNode, waitForCluster, type NodeSignal } from './kafka';
import { brokerList, clusterNode, privateCluster } from './kafka-layout';
import { runningPid, stopProcess } from './processes';
import { loadSettings } from './settings';

export interface PrivateKafkaCluster {
  /** "127.0.0.1:port" of every node, node 1 first. */
  brokers: string[];
  dir: string;
  /** SIGTERM (SIGKILL after a grace period) or SIGKILL at once; n is 1-based. */
  stopNode(n: number, signal?: NodeSignal): Promise<'stopped' | 'killed' | 'not-running'>;
  /** Starts node n again and resolves once the cluster has all its brokers. */
  startNode(n: number): Promise<void>;
  /** Stops every node; removes `dir` when the cluster made it. */
  stop(): Promise<void>;
}

export interface PrivateKafkaOptions {
  nodes: number;
  /** Where data, configs and logs go; a fresh temp directory (removed by stop()) when absent. */
  dir?: string;
  heap?: string;
  readyTimeoutMs?: number;
}

/**
 * A Kafka cluster of a test's own, on free ports in a temp directory: the same configuration,
 * formatting and start-up code as `npm run stack:up`, so a fault test breaks brokers that are
 * built like the stack's without touching the stack other tests use.
 */
export async function startPrivateKafkaCluster(options: PrivateKafkaOptions): Promise<PrivateKafkaCluster> {
  const settings = loadSettings();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'eventline-kafka-'));
  const cluster = privateCluster(settings, dir, await distinctFreePorts(2 * options.nodes), options.heap ?? '512m');
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  // A test that dies without stop() must not leave JVMs on a shared machine.
  const killAll = () => cluster.nodes.forEach((node) => killNow(runningPid(node.process)));
  process.once('exit', killAll);

  await ensureKafkaJars(settings);
  try {
    await startCluster(cluster);
    await waitForCluster(cluster, readyTimeoutMs);
  } catch (error) {
    await Promise.all(cluster.nodes.map((node) => stopProcess(node.process, 0, true)));
    throw error;
  }
  return {
    brokers: brokerList(cluster).split(','),
    dir,
    stopNode: (n, signal) => stopNode(clusterNode(cluster, n), signal),
    startNode: async (n) => {
      const node = clusterNode(cluster, n);
      if (runningPid(node.process) !== undefined) return;
      await prepareCluster(cluster);
      await startNode(cluster, node);
      await waitForCluster(cluster, readyTimeoutMs);
    },
    stop: async () => {
      await Promise.all(cluster.nodes.map((node) => stopNode(node, 'SIGTERM', 15_000)));
      process.off('exit', killAll);
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function killNow(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
