import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createKafkaPort, topicDurability } from '@eventline/kafka-port';
import { uniqueName } from '@eventline/test-harness';
import { startPrivateKafkaCluster, type PrivateKafkaCluster } from './private-cluster';

const execFileAsync = promisify(execFile);

async function run(command: string, args: string[]): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(command, args);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new Error(`${command} is not installed: this test checks the cluster with Debian's kcat (apt-get install kcat)`, { cause: error });
    throw error;
  }
}

/** Broker count as kcat, a client independent of ours, sees it: "Metadata for … \n 3 brokers:". */
async function kcatBrokers(broker: string): Promise<number> {
  const { stdout } = await run('kcat', ['-b', broker, '-L', '-m', '10']);
  const match = /^\s*(\d+) brokers:/m.exec(stdout);
  if (!match) throw new Error(`kcat -L printed no broker count:\n${stdout}`);
  return Number(match[1]);
}

/** Each partition's replica list as kcat prints it: "partition 0, leader 2, replicas: 2,3,1, isrs: 2,3,1". */
async function kcatReplicas(broker: string, topic: string): Promise<Array<{ replicas: number; isrs: number }>> {
  const { stdout } = await run('kcat', ['-b', broker, '-L', '-t', topic, '-m', '10']);
  return [...stdout.matchAll(/replicas: ([\d,]+), isrs: ([\d,]+)/g)].map((m) => ({ replicas: m[1].split(',').length, isrs: m[2].split(',').length }));
}

/** Runs one step and prints how long it took, so a slow cluster start shows where the time went. */
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await step();
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

describe('a private three-node Kafka cluster', () => {
  jest.setTimeout(120_000);
  let cluster: PrivateKafkaCluster;
  const topic = uniqueName('cluster.durable');

  beforeAll(async () => {
    cluster = await timed('start 3 nodes', () => startPrivateKafkaCluster({ nodes: 3 }));
  });
  afterAll(async () => {
    await timed('stop the cluster', () => cluster.stop());
  });

  it('has three brokers, as an independent client sees them', async () => {
    expect(await timed('kcat -L', () => kcatBrokers(cluster.brokers[0]))).toBe(3);
  });

  it('creates topics with three copies, two of them in sync', async () => {
    const admin = createKafkaPort({ brokers: cluster.brokers, clientId: 'cluster-test' }).admin();
    await admin.connect();
    const { replicationFactor, config } = topicDurability((await admin.describeCluster()).brokers);
    await timed('create topic', () => admin.ensureTopics([{ topic, partitions: 3, replicationFactor, config }]));
    const minIsr = (await admin.topicConfig(topic))['min.insync.replicas'];
    await admin.disconnect();

    expect(await timed('kcat -L -t', () => kcatReplicas(cluster.brokers[0], topic))).toEqual(Array(3).fill({ replicas: 3, isrs: 3 }));
    expect(minIsr).toBe('2');
  });

  it('accepts acks=all writes with node 2 stopped, and takes node 2 back', async () => {
    expect(await timed('stop node 2 (SIGTERM)', () => cluster.stopNode(2))).toBe('stopped');
    expect(await kcatBrokers(cluster.brokers[0])).toBe(2);

    const producer = createKafkaPort({ brokers: cluster.brokers, clientId: 'cluster-test' }).producer({ idempotent: true });
    await producer.connect();
    // Keys spread over all three partitions, including those node 2 led.
    const messages = Array.from({ length: 30 }, (_, n) => ({ key: `tenant-${n}`, value: Buffer.from(`event ${n}`) }));
    const written = await timed('acks=all produce on 2 of 3', () => producer.send(topic, messages));
    await producer.disconnect();
    expect(new Set(written.map((r) => r.partition)).size).toBe(3);

    await timed('start node 2', () => cluster.startNode(2));
    expect(await kcatBrokers(cluster.brokers[0])).toBe(3);
  });
});
