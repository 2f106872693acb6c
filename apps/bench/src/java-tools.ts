import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';

/**
 * The stack's own Kafka jars (`npm run stack:up` copies them to .local/artifacts/kafka-<version>),
 * so the baselines are the very tools of the broker the bench runs against. Java is the one the
 * stack runs on (`java` on PATH, as infra/stack/src/java.ts requires).
 */
export function kafkaClasspath(root = findWorkspaceRoot()): string {
  const artifacts = join(root, '.local', 'artifacts');
  const dirs = existsSync(artifacts)
    ? readdirSync(artifacts)
        .filter((dir) => /^kafka-\d/.test(dir))
        .sort()
    : [];
  const withTools = dirs.map((dir) => join(artifacts, dir)).filter((dir) => readdirSync(dir).some((file) => /^kafka-tools-\d.*\.jar$/.test(file)));
  if (withTools.length === 0) throw new Error(`no Kafka jars with kafka-tools in ${artifacts}: run \`npm run stack:up\` first (it copies them there)`);
  return `${withTools[withTools.length - 1]}/*`;
}

function runJava(mainClass: string, args: string[], signal: AbortSignal): Promise<string> {
  const log4j = join(findWorkspaceRoot(), 'infra', 'kafka', 'log4j2.properties');
  return new Promise((resolve, reject) => {
    execFile('java', [`-Dlog4j2.configurationFile=${log4j}`, '-Dlog4j2.level=warn', '-cp', kafkaClasspath(), mainClass, ...args], { signal, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${mainClass} failed: ${error.message}\n${stderr.slice(-2_000)}${stdout.slice(-2_000)}`));
      else resolve(stdout);
    });
  });
}

export interface ProducerPerfRun {
  topic: string;
  records: number;
  recordSize: number;
  /** Keys 0..keys-1 round robin, like the bench's tenants. */
  keys: number;
  brokers: string[];
}

/** ProducerPerformance with the SDK's guarantees (acks=all, idempotent) and its record size; the records/sec the tool prints. */
export async function producerPerformance(run: ProducerPerfRun, signal: AbortSignal): Promise<number> {
  const stdout = await runJava(
    'org.apache.kafka.tools.ProducerPerformance',
    [
      '--bootstrap-server',
      run.brokers.join(','),
      '--topic',
      run.topic,
      '--num-records',
      String(run.records),
      '--record-size',
      String(run.recordSize),
      '--throughput',
      '-1',
      '--key-distribution',
      'range',
      '--record-key-range',
      String(run.keys),
      '--command-property',
      'acks=all',
      'enable.idempotence=true',
    ],
    signal,
  );
  return parseProducerPerformance(stdout);
}

/** The summary line: `200000 records sent, 51234.5 records/sec (12.30 MB/sec), …`. */
export function parseProducerPerformance(stdout: string): number {
  const summary = stdout
    .split('\n')
    .filter((line) => / records sent, [\d.]+ records\/sec/.test(line))
    .pop();
  if (!summary) throw new Error(`ProducerPerformance printed no summary line:\n${stdout.slice(-1_000)}`);
  return Number(/records sent, ([\d.]+) records\/sec/.exec(summary)![1]);
}

/** ConsumerPerformance's rate of fetching, fetch.nMsg.sec: the group join (rebalance.time.ms) is left out, as the bench's own consumer figure leaves it out. */
export async function consumerPerformance(run: { topic: string; records: number; group: string; brokers: string[] }, signal: AbortSignal): Promise<number> {
  const stdout = await runJava(
    'org.apache.kafka.tools.ConsumerPerformance',
    ['--bootstrap-server', run.brokers.join(','), '--topic', run.topic, '--num-records', String(run.records), '--group', run.group, '--timeout', '30000'],
    signal,
  );
  return parseConsumerPerformance(stdout);
}

export function parseConsumerPerformance(stdout: string): number {
  const lines = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const headerAt = lines.findIndex((line) => line.startsWith('start.time'));
  const header = headerAt < 0 ? [] : lines[headerAt].split(',').map((cell) => cell.trim());
  // The client's own log lines (on the same stream) may come between the header and the values.
  const row = lines.slice(headerAt + 1).find((line) => !line.startsWith('[') && line.split(',').length === header.length);
  if (headerAt < 0 || !row) throw new Error(`ConsumerPerformance printed no stats:\n${stdout.slice(-1_000)}`);
  const values = row.split(',').map((cell) => cell.trim());
  const value = Number(values[header.indexOf('fetch.nMsg.sec')]);
  if (!Number.isFinite(value)) throw new Error(`ConsumerPerformance's fetch.nMsg.sec is not a number: ${row}`);
  return value;
}

/** Every consumer group the cluster knows (ConsumerGroupCommand --list): how a test sees that the bench left none behind. */
export async function listConsumerGroups(brokers: string[], signal: AbortSignal = new AbortController().signal): Promise<string[]> {
  const stdout = await runJava('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', ['--bootstrap-server', brokers.join(','), '--list'], signal);
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('['));
}
