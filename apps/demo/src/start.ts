import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { Command } from 'commander';
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { ApiKeyStore } from '@eventline/api-keys';
import { registerCatalog } from '@eventline/contract-registration';
import { loadCatalog, type Catalog } from '@eventline/contracts';
import { createKafkaPort, type KafkaPort } from '@eventline/kafka-port';
import { writeEventCategories } from '@eventline/audit-projection';
import { migrate, createPool } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { DEMO_TENANTS, DemoStream } from './demo-stream';
import { PlatformProcesses } from './platform-apps';
import { delta, formatCounts, projectionCounts } from './projection-counts';

/**
 * `npm start` (no --events): the whole platform on the local stack, a mixed stream for several
 * tenants through the SDK, the outbox and the gateway, and a live summary until Ctrl-C.
 * `npm run demo` (--events N): the bounded run; exits 0 once every projection caught up.
 */
const options = new Command('demo')
  .option('--events <n>', 'publish this many events, wait for the projections, then exit', (v) => Number(v))
  .option('--rate <n>', 'events per second in the continuous run', (v) => Number(v), 200)
  .option('--timeout <s>', 'how long the bounded run waits for the projections', (v) => Number(v), 300)
  .parse()
  .opts<{ events?: number; rate: number; timeout: number }>();

/** SIGINT (Ctrl-C) or SIGTERM (a timeout, a supervisor) ends the run; every app is stopped either way. */
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort(signal));

async function main(): Promise<number> {
  const endpoints = loadStackEndpoints();
  const pool = createPool({ applicationName: 'eventline-demo', connectionString: endpoints.databaseUrl });
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'eventline-demo' });
  const catalog = loadCatalog();
  const publisher = new Publisher({ kafka, registry, catalog, source: 'eventline-demo' });
  const platform = new PlatformProcesses(findWorkspaceRoot(), process.env);
  try {
    return await untilStopped(run(platform, { catalog, pool, registry, kafka, publisher }));
  } finally {
    await platform.stop();
    await publisher.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

interface Clients {
  catalog: Catalog;
  pool: Pool;
  registry: SchemaRegistryClient;
  kafka: KafkaPort;
  publisher: Publisher;
}

async function run(platform: PlatformProcesses, { catalog, pool, registry, kafka, publisher }: Clients): Promise<number> {
  console.log('Preparing: migrations, topics and contracts…');
  await migrate(loadStackEndpoints().databaseUrl);
  await writeEventCategories(pool, catalog);
  const admin = kafka.admin();
  await admin.connect();
  await registerCatalog(catalog, registry, admin);
  await admin.disconnect();

  console.log('Starting the platform apps (logs in .local/logs/)…');
  platform.launch();
  await platform.waitUntilReady((line) => console.log(line));
  const { plaintext } = await new ApiKeyStore(pool).create({ name: `demo-${Date.now()}`, tenantIds: DEMO_TENANTS, eventTypes: ['*'] });
  const stream = new DemoStream(catalog, publisher, pool, { url: platform.gatewayUrl(), key: plaintext });
  const base = await projectionCounts(pool, DEMO_TENANTS);
  return options.events ? bounded(stream, pool, platform, base, options.events) : continuous(stream, pool, platform, base);
}

/**
 * The run's exit code, or — once a signal asks to stop — 0 for Ctrl-C of the continuous run (its
 * normal end) and 128 + the signal's number otherwise. The caller's finally then stops every app.
 */
function untilStopped(work: Promise<number>): Promise<number> {
  // Abandoned when a signal comes first; a failure it reports after that is of no interest.
  work.catch(() => undefined);
  return new Promise((resolve, reject) => {
    const onStop = () => {
      const signal = stop.signal.reason as 'SIGINT' | 'SIGTERM';
      console.log(`\n${signal}: stopping the apps…`);
      resolve(signal === 'SIGINT' && !options.events ? 0 : 128 + constants.signals[signal]);
    };
    if (stop.signal.aborted) return onStop();
    stop.signal.addEventListener('abort', onStop, { once: true });
    work.then(resolve, reject);
  });
}

async function bounded(stream: DemoStream, pool: Pool, platform: PlatformProcesses, base: Awaited<ReturnType<typeof projectionCounts>>, events: number): Promise<number> {
  for (let sent = 0; sent < events && !stop.signal.aborted; sent += 500) {
    await stream.publish(Math.min(500, events - sent));
    console.log(`  published ${stream.total}/${events} (sdk ${stream.published.sdk}, outbox ${stream.published.outbox}, gateway ${stream.published.gateway})`);
  }
  const deadline = Date.now() + options.timeout * 1_000;
  while (!stop.signal.aborted) {
    const counts = delta(await projectionCounts(pool, DEMO_TENANTS), base);
    const lag = await platform.totalLag();
    console.log(`  waiting: ${formatCounts(counts)} · lag ${lag}`);
    const caughtUp = counts.domain_events >= events && counts.audit_logs >= events && lag === 0;
    if (caughtUp && counts.usage_records > 0 && counts.notifications > 0 && counts.moderation_cases > 0) {
      console.log(`\nDemo done: ${events} events published and projected.\n  ${formatCounts(counts)}`);
      return 0;
    }
    if (Date.now() > deadline) {
      console.error(`\nDemo failed: the projections did not catch up within ${options.timeout}s.\n  ${formatCounts(counts)} · lag ${lag}`);
      return 1;
    }
    await sleep(2_000);
  }
  // Stopped by a signal: untilStopped has already answered with its exit code.
  return 1;
}

async function continuous(stream: DemoStream, pool: Pool, platform: PlatformProcesses, base: Awaited<ReturnType<typeof projectionCounts>>): Promise<number> {
  console.log('\nPublishing a mixed stream; Ctrl-C stops the apps (the stack keeps running: npm run stack:down).\n');
  let last = { at: Date.now(), total: 0 };
  while (!stop.signal.aborted) {
    await stream.publish(options.rate);
    await sleep(1_000);
    const now = Date.now();
    const rate = Math.round(((stream.total - last.total) * 1_000) / (now - last.at));
    last = { at: now, total: stream.total };
    const counts = delta(await projectionCounts(pool, DEMO_TENANTS), base);
    console.log(`${new Date().toISOString().slice(11, 19)}  ${rate} ev/s · published ${stream.total} · ${formatCounts(counts)} · lag ${await platform.totalLag()}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exit(1);
  },
);
