import '@eventline/node-runtime/check';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { registerCatalog } from '@eventline/contract-registration';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort, KAFKA_CLIENTS, type KafkaClientName } from '@eventline/kafka-port';
import { writeEventCategories } from '@eventline/audit-projection';
import { createPool, migrate } from '@eventline/persistence';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { StackError } from './errors';
import { loadSettings } from './settings';
import type { StackEnv } from './stack';
import { stackKind } from './stack-kind';
import { startTestStack } from './test-stack';

/**
 * `npm test`: brings the stack up when it is down (with EVENTLINE_STACK=containers: starts it in
 * containers, removed at the end) and prepares it as `npm start` does (migrations, topics,
 * contracts), runs every project's Jest target through Nx, then prints one table of results and
 * the closing `tests: N passed, M failed` line. With `--each-kafka-client` the projects run once per
 * Kafka adapter (EVENTLINE_KAFKA_CLIENT set for Jest and every process it starts), one row each.
 */
interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  startTime: number;
  testResults: { endTime: number; name: string; status?: string; message?: string; assertionResults?: { status: string; fullName: string; failureMessages?: string[] }[] }[];
}

/** One line per failed test (or suite that failed to run), so a CI log that keeps only its tail still names them. */
function failures(project: string, summary: JestSummary): string[] {
  return summary.testResults.flatMap((suite) => {
    const failed = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (failed.length === 0 && suite.status === 'failed') return [`${project}: ${suite.name}: ${firstLine(suite.message ?? '')}`];
    return failed.map((test) => `${project}: ${test.fullName}: ${firstLine(test.failureMessages?.[0] ?? '')}`);
  });
}

function firstLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  return (plain.split('\n').find((line) => line.trim() !== '' && !/^\s*●/.test(line)) ?? '').trim().slice(0, 300);
}

/** Wall-clock seconds of one project's Jest run: from its start to its last spec's end. */
function seconds(summary: JestSummary): number {
  const end = Math.max(summary.startTime, ...summary.testResults.map((result) => result.endTime));
  return (end - summary.startTime) / 1000;
}

async function main(): Promise<number> {
  // The SASL_SSL tests need the listener, so `npm test` asks for it unless told otherwise
  // (EVENTLINE_KAFKA_SECURITY=plaintext); the PLAINTEXT listener the other tests use is unchanged.
  // The containers stack has no such listener (jest.config.js leaves its tests to embedded runs).
  if (stackKind(process.env) !== 'containers') process.env.EVENTLINE_KAFKA_SECURITY ??= 'sasl_ssl';
  const settings = loadSettings();
  const stack = await startTestStack(settings);
  try {
    const { env } = stack;
    await prepareStack(env);
    const resultsDir = join(settings.local, 'test-results');
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });

    const { clients, nxArgs } = parseArgs(process.argv.slice(2));
    let nxExit = 0;
    for (const client of clients) {
      if (client) console.log(`\n=== Kafka client: ${client} (EVENTLINE_KAFKA_CLIENT=${client}) ===`);
      const clientEnv = client ? { EVENTLINE_KAFKA_CLIENT: client, EVENTLINE_KAFKA_PRODUCER_CLIENT: '', EVENTLINE_KAFKA_CONSUMER_CLIENT: '' } : {};
      const exit = await runNx(['run-many', '-t', 'test', '--outputStyle=stream', ...nxArgs], { ...process.env, ...env, ...clientEnv });
      nxExit = nxExit || exit;
      if (client) labelResults(resultsDir, client);
    }
    return report(resultsDir, nxExit);
  } finally {
    await stack.stop();
  }
}

/** The same preparation `npm start` makes, so tests find the tables, topics and subjects they use. */
async function prepareStack(env: StackEnv): Promise<void> {
  await migrate(env.DATABASE_URL);
  const pool = createPool({ connectionString: env.DATABASE_URL, applicationName: 'eventline-test-runner', max: 1 });
  // system_events reads each type's category from event_categories, which the catalog fills.
  await writeEventCategories(pool, loadCatalog()).finally(() => pool.end());
  const admin = createKafkaPort({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'eventline-test-runner' }).admin();
  await admin.connect();
  try {
    const report = await registerCatalog(loadCatalog(), new SchemaRegistryClient(env.SCHEMA_REGISTRY_URL), admin);
    const rejected = report.subjects.filter((s) => s.status === 'rejected');
    if (rejected.length > 0) throw new Error(`the registry refused ${rejected.length} contract(s), e.g. ${rejected[0].subject}`);
    console.log(`Prepared: migrations applied, ${report.topicsCreated.length} topic(s) created, ${report.subjects.length} contracts registered.`);
  } finally {
    await admin.disconnect();
  }
}

/** `--each-kafka-client` is the runner's own flag; everything else goes to Nx. */
function parseArgs(args: string[]): { clients: (KafkaClientName | undefined)[]; nxArgs: string[] } {
  const each = args.includes('--each-kafka-client');
  return { clients: each ? [...KAFKA_CLIENTS] : [undefined], nxArgs: args.filter((arg) => arg !== '--each-kafka-client') };
}

/** Nx writes `<project>.json` per run; the next client's run would overwrite it, so each is renamed `<project> (<client>).json`. */
function labelResults(resultsDir: string, client: KafkaClientName): void {
  for (const file of readdirSync(resultsDir).filter((name) => name.endsWith('.json') && !name.includes(' ('))) {
    renameSync(join(resultsDir, file), join(resultsDir, file.replace(/\.json$/, ` (${client}).json`)));
  }
}

function runNx(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['nx', ...args], { stdio: 'inherit', env: { NX_DAEMON: 'false', ...env } });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

function report(resultsDir: string, nxExit: number): number {
  const rows = readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ project: file.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as JestSummary) }));
  const passed = rows.reduce((sum, row) => sum + row.numPassedTests, 0);
  const failed = rows.reduce((sum, row) => sum + row.numFailedTests, 0);
  console.log('\nResults per project:');
  for (const row of rows) {
    console.log(`  ${row.project.padEnd(32)} ${String(row.numPassedTests).padStart(4)} passed  ${String(row.numFailedTests).padStart(4)} failed  ${seconds(row).toFixed(1).padStart(6)} s`);
  }
  const failedTests = rows.flatMap((row) => failures(row.project, row));
  if (failedTests.length > 0) console.log(`\nFailed:\n${failedTests.map((line) => `  ${line}`).join('\n')}`);
  // A project that crashed before Jest wrote its summary still fails the run.
  const crashed = nxExit !== 0 && failed === 0 ? 1 : 0;
  if (crashed) console.log(`  nx exited ${nxExit} without a failing test recorded: see the output above.`);
  console.log(`tests: ${passed} passed, ${failed + crashed} failed`);
  return failed + crashed > 0 || passed === 0 ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(`\nnpm test: ${(error as Error).message}`);
    if (error instanceof StackError && error.logTail) console.error(`\nLast lines of ${error.logTail.file}:\n${error.logTail.lines}`);
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  });
