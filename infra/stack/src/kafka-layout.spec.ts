import { join } from 'node:path';
import { brokerProperties } from './kafka';
import { brokerList, clusterNode, privateCluster, stackCluster } from './kafka-layout';
import { loadSettings } from './settings';

const property = (text: string, key: string) => new RegExp(`^${key.replace(/\./g, '\\.')}=(.*)$`, 'm').exec(text)?.[1];

describe('Kafka layout', () => {
  it('keeps one node where it always was: data/kafka, kafka.properties, kafka.log, 9092/9093', () => {
    const settings = loadSettings({});
    const [node, ...others] = stackCluster(settings).nodes;
    expect(others).toEqual([]);
    expect(node).toMatchObject({ id: 1, port: 9092, controllerPort: 9093, dataDir: join(settings.local, 'data', 'kafka'), config: join(settings.local, 'config', 'kafka.properties') });
    expect(node.process).toMatchObject({ name: 'kafka', logFile: join(settings.local, 'logs', 'kafka.log') });
    expect(settings.kafka.heap).toBe('1g');
  });

  it('puts three nodes two ports apart from the base ports, each with its own files', () => {
    const settings = loadSettings({ EVENTLINE_KAFKA_NODES: '3', EVENTLINE_KAFKA_PORT: '19092', EVENTLINE_KAFKA_CONTROLLER_PORT: '19093' });
    const cluster = stackCluster(settings);
    expect(cluster.nodes.map((n) => [n.id, n.port, n.controllerPort, n.process.name])).toEqual([
      [1, 19092, 19093, 'kafka-1'],
      [2, 19094, 19095, 'kafka-2'],
      [3, 19096, 19097, 'kafka-3'],
    ]);
    expect(new Set(cluster.nodes.flatMap((n) => [n.dataDir, n.config, n.process.logFile])).size).toBe(9);
    expect(brokerList(cluster)).toBe('127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096');
    expect(settings.kafka.heap).toBe('512m');
  });

  it('configures three voters and three copies of the internal topics, two in sync', () => {
    const cluster = stackCluster(loadSettings({ EVENTLINE_KAFKA_NODES: '3' }));
    const text = brokerProperties(cluster, cluster.nodes[1]);
    expect(property(text, 'node.id')).toBe('2');
    expect(property(text, 'controller.quorum.bootstrap.servers')).toBe('127.0.0.1:9093,127.0.0.1:9095,127.0.0.1:9097');
    expect(property(text, 'listeners')).toBe('PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095');
    for (const key of ['offsets.topic.replication.factor', 'transaction.state.log.replication.factor', 'share.coordinator.state.topic.replication.factor']) {
      expect(property(text, key)).toBe('3');
    }
    expect(property(text, 'transaction.state.log.min.isr')).toBe('2');
    expect(property(text, 'share.coordinator.state.topic.min.isr')).toBe('2');
  });

  it('keeps one copy of the internal topics on one node', () => {
    const cluster = stackCluster(loadSettings({}));
    const text = brokerProperties(cluster, cluster.nodes[0]);
    expect(property(text, 'offsets.topic.replication.factor')).toBe('1');
    expect(property(text, 'transaction.state.log.min.isr')).toBe('1');
  });

  it('refuses a node count the stack does not support, and base ports that would overlap', () => {
    expect(() => loadSettings({ EVENTLINE_KAFKA_NODES: '2' })).toThrow('EVENTLINE_KAFKA_NODES must be 1 or 3 (Kafka nodes in the stack), got "2"');
    expect(() => stackCluster(loadSettings({ EVENTLINE_KAFKA_NODES: '3', EVENTLINE_KAFKA_PORT: '9092', EVENTLINE_KAFKA_CONTROLLER_PORT: '9094' }))).toThrow(/port 9094 would be used twice/);
    expect(() => stackCluster(loadSettings({ EVENTLINE_KAFKA_NODES: '3', EVENTLINE_KAFKA_PORT: '65532', EVENTLINE_KAFKA_CONTROLLER_PORT: '65533' }))).toThrow(/beyond 65535/);
  });

  it('names the nodes that exist when asked for one that does not', () => {
    expect(() => clusterNode(stackCluster(loadSettings({ EVENTLINE_KAFKA_NODES: '3' })), 4)).toThrow('Kafka node 4 does not exist: the cluster has nodes 1-3');
    expect(() => clusterNode(stackCluster(loadSettings({})), 2)).toThrow('the cluster has only node 1');
  });

  it('lays a private cluster out in its own directory on the ports it was given', () => {
    const cluster = privateCluster(loadSettings({}), '/tmp/x', [1001, 1002, 1003, 1004, 1005, 1006], '512m');
    expect(cluster.nodes.map((n) => [n.port, n.controllerPort, n.dataDir])).toEqual([
      [1001, 1002, '/tmp/x/data/node-1'],
      [1003, 1004, '/tmp/x/data/node-2'],
      [1005, 1006, '/tmp/x/data/node-3'],
    ]);
    expect(cluster.nodes.every((n) => n.process.runDir === '/tmp/x/run')).toBe(true);
  });
});
