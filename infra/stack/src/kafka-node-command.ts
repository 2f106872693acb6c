import { StackError } from './errors';
import { prepareCluster, startNode, stopNode, waitForCluster } from './kafka';
import { clusterNode, stackCluster, type KafkaCluster } from './kafka-layout';
import { runningPid } from './processes';
import type { StackSettings } from './settings';

export const KAFKA_NODE_USAGE = `Usage: npm run stack:kafka -- <stop|kill|start> <node>
  stop <n>   SIGTERM to node n (SIGKILL if it is still up after 30 s)
  kill <n>   SIGKILL to node n, as a crash would
  start <n>  start node n again and wait until the cluster has all its brokers`;

/** `stack:kafka stop|kill|start <n>`: one node of the shared stack's Kafka, for fault drills by hand. */
export async function kafkaNodeCommand(settings: StackSettings, action: string | undefined, nodeArg: string | undefined): Promise<string> {
  if (!action || !['stop', 'kill', 'start'].includes(action)) throw new StackError(`stack:kafka: unknown action "${action ?? ''}".\n${KAFKA_NODE_USAGE}`);
  if (!nodeArg || !/^\d+$/.test(nodeArg)) throw new StackError(`stack:kafka: <node> must be a node number, got "${nodeArg ?? ''}".\n${KAFKA_NODE_USAGE}`);
  const cluster = runningShape(settings);
  const node = clusterNode(cluster, Number(nodeArg));
  if (action === 'start') {
    if (runningPid(node.process) !== undefined) return `node ${node.id} already running (127.0.0.1:${node.port})`;
    await prepareCluster(cluster);
    await startNode(cluster, node);
    await waitForCluster(cluster, settings.readyTimeoutMs);
    return `node ${node.id} started; the cluster has all ${cluster.nodes.length} broker(s) again`;
  }
  const outcome = await stopNode(node, action === 'kill' ? 'SIGKILL' : 'SIGTERM');
  return `node ${node.id} ${outcome}`;
}

/**
 * The cluster as it runs: a three-node cluster started with EVENTLINE_KAFKA_NODES=3 is found
 * while any of its nodes is up, so `stack:kafka stop 2` needs no variable in the shell.
 */
function runningShape(settings: StackSettings): KafkaCluster {
  const configured = stackCluster(settings);
  if (configured.nodes.length > 1) return configured;
  try {
    const cluster = stackCluster(settings, 3);
    return cluster.nodes.some((node) => runningPid(node.process) !== undefined) ? cluster : configured;
  } catch {
    return configured;
  }
}
