import { spawn } from 'node:child_process';
import { createKafkaPort } from '@eventline/kafka-port';
import { findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { eventually } from '@eventline/test-harness';
import { listBenchDatabases } from './bench-database';
import { BENCH_DATABASE_PREFIX, BENCH_NAMESPACE } from './bench-run';
import { listConsumerGroups } from './java-tools';

/** The figures issue 11 asks the JSON line for. */
const REQUIRED = [
  'publish_vs_java',
  'publish_vs_nest_json',
  'consume_vs_java',
  'projection_vs_copy',
  'projection_vs_nest_insert',
  'p50_ms_at_2000',
  'p99_ms_at_2000',
  'cost_ratio_1m_vs_10k',
  'consumer_rss_mb',
  'gateway_req_per_s',
  'gateway_p99_ms',
  'p1_sdk_ev_per_s',
  'p1_java_rec_per_s',
  'p2_nest_emit_ev_per_s',
  'p2b_runtime_ev_per_s',
  'p2b_java_msg_per_s',
  'p3_projection_ev_per_s',
  'p3_copy_ev_per_s',
  'p4_nest_insert_ev_per_s',
];

const TINY = [
  '--clients',
  'kafkajs',
  '--runs',
  '1',
  '--p1-events',
  '500',
  '--p2-events',
  '300',
  '--p3-events',
  '500',
  '--p4-events',
  '100',
  '--p5-rate',
  '200',
  '--p5-seconds',
  '1',
  '--p6-events',
  '3000',
  '--p6-window',
  '1000',
  '--p10-seconds',
  '1',
];

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bench/src/bench.ts', ...args], { cwd: findWorkspaceRoot(), env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Kafka deletes topics asynchronously after accepting the request, so the listing may lag a moment. */
async function noTopicsLeft(brokers: string[], namespace: string): Promise<void> {
  const admin = createKafkaPort({ brokers, clientId: 'bench-spec' }).admin();
  await admin.connect();
  try {
    await eventually(`no ${namespace}* topic left`, async () => ((await admin.listTopics()).some((topic) => topic.startsWith(namespace)) ? undefined : true), 20_000);
  } finally {
    await admin.disconnect();
  }
}

describe('npm run bench', () => {
  it('runs every comparison at tiny sizes, prints one JSON line of finite figures, and leaves no topic, group or database behind', async () => {
    const { code, stdout, stderr } = await runBench(TINY);
    expect({ code, tail: code === 0 ? '' : stderr.slice(-3_000) }).toEqual({ code: 0, tail: '' });
    const json = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    for (const field of REQUIRED) expect({ field, finite: Number.isFinite(json[field]) }).toEqual({ field, finite: true });
    for (const [field, value] of Object.entries(json)) if (typeof value === 'number') expect({ field, finite: Number.isFinite(value) }).toEqual({ field, finite: true });
    expect(stdout).toMatch(/P1 +kafkajs +publish: SDK vs ProducerPerformance/);

    const run = /\[bench\] run ([a-z0-9]+):/.exec(stderr)![1];
    const namespace = `${BENCH_NAMESPACE}${run}.`;
    // The projector ran on bench topics: its dead-letter topic carried the prefix (and is gone now).
    expect(stdout).toContain(`DLQ ${namespace}p5.audit-projector.dlq`);
    const endpoints = loadStackEndpoints();
    const [groups, databases] = await Promise.all([
      listConsumerGroups(endpoints.kafkaBrokers),
      listBenchDatabases(endpoints.databaseUrl, `${BENCH_DATABASE_PREFIX}${run}`),
      noTopicsLeft(endpoints.kafkaBrokers, namespace),
    ]);
    expect(groups.filter((group) => group.startsWith(namespace))).toEqual([]);
    expect(databases).toEqual([]);
  }, 90_000);
});
