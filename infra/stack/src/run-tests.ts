import '@eventline/node-runtime/check';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { registerCatalog } from '@eventline/contract-registration';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { migrate } from '@eventline/persistence';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { StackError } from './errors';
import { loadSettings } from './settings';
import type { StackEnv } from './stack';
import { startTestStack } from './test-stack';

/**
 * `npm test`: brings the stack up when it is down (with EVENTLINE_STACK=containers: starts it in
 * containers, removed at the end) and prepares it as `npm start` does (migrations, topics,
 * contracts), runs every project's Jest target through Nx, then prints one table of results and
 * the closing `tests: N passed, M failed` line.
 */
interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  startTime: number;
  testResults: { endTime: number }[];
}

/** Wall-clock seconds of one project's Jest run: from its start to its last spec's end. */
function seconds(summary: JestSummary): number {
  const end = Math.max(summary.startTime, ...summary.testResults.map((result) => result.endTime));
  return (end - summary.startTime) / 1000;
}

async function main(): Promise<number> {
  const settings = loadSettings();
  const stack = await startTestStack(settings);
  try {
    const { env } = stack;
    await prepareStack(env);
    const resultsDir = join(settings.local, 'test-results');
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });

    const extraArgs = process.argv.slice(2);
    const nxExit = await runNx(['run-many', '-t', 'test', '--outputStyle=stream', ...extraArgs], { ...process.env, ...env });
    return report(resultsDir, nxExit);
  } finally {
    await stack.stop();
  }
}

/** The same preparation `npm start` makes, so tests find the tables, topics and subjects they use. */
async function prepareStack(env: StackEnv): Promise<void> {
  await migrate(env.DATABASE_URL);
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
    console.log(`  ${row.project.padEnd(24)} ${String(row.numPassedTests).padStart(4)} passed  ${String(row.numFailedTests).padStart(4)} failed  ${seconds(row).toFixed(1).padStart(6)} s`);
  }
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
