import '@eventline/node-runtime/check';
import { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { ApiKeyStore } from '@eventline/api-keys';
import { registerCatalog } from '@eventline/contract-registration';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { DEMO_TENANTS, DemoStream } from './demo-stream';
import { startApps, stopApps, totalLag, type RunningApp } from './platform-apps';
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

async function main(): Promise<number> {
  const root = findWorkspaceRoot();
  const endpoints = loadStackEndpoints();
  const catalog = loadCatalog();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'eventline-demo' });
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  const pool = new Pool({ connectionString: endpoints.databaseUrl });

  console.log('Preparing: migrations, topics and contracts…');
  await migrate(endpoints.databaseUrl);
  const admin = kafka.admin();
  await admin.connect();
  await registerCatalog(catalog, registry, admin);
  await admin.disconnect();

  console.log('Starting the platform apps (logs in .local/logs/)…');
  const apps = await startApps(root, process.env, (line) => console.log(line));
  const publisher = new Publisher({ kafka, registry, catalog, source: 'eventline-demo' });
  const { plaintext } = await new ApiKeyStore(pool).create({ name: `demo-${Date.now()}`, tenantIds: DEMO_TENANTS, eventTypes: ['*'] });
  const stream = new DemoStream(catalog, publisher, pool, { url: 'http://127.0.0.1:8088', key: plaintext });
  const base = await projectionCounts(pool, DEMO_TENANTS);
  try {
    return options.events ? await bounded(stream, pool, apps, base, options.events) : await continuous(stream, pool, apps, base);
  } finally {
    await publisher.close();
    await stopApps(apps);
    await pool.end();
  }
}

async function bounded(stream: DemoStream, pool: Pool, apps: RunningApp[], base: Awaited<ReturnType<typeof projectionCounts>>, events: number): Promise<number> {
  for (let sent = 0; sent < events; sent += 500) {
    await stream.publish(Math.min(500, events - sent));
    console.log(`  published ${stream.total}/${events} (sdk ${stream.published.sdk}, outbox ${stream.published.outbox}, gateway ${stream.published.gateway})`);
  }
  const deadline = Date.now() + options.timeout * 1_000;
  for (;;) {
    const counts = delta(await projectionCounts(pool, DEMO_TENANTS), base);
    const lag = await totalLag(apps);
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
}

async function continuous(stream: DemoStream, pool: Pool, apps: RunningApp[], base: Awaited<ReturnType<typeof projectionCounts>>): Promise<number> {
  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  console.log('\nPublishing a mixed stream; Ctrl-C stops the apps (the stack keeps running: npm run stack:down).\n');
  let last = { at: Date.now(), total: 0 };
  while (!stopping) {
    await stream.publish(options.rate);
    await sleep(1_000);
    const now = Date.now();
    const rate = Math.round(((stream.total - last.total) * 1_000) / (now - last.at));
    last = { at: now, total: stream.total };
    const counts = delta(await projectionCounts(pool, DEMO_TENANTS), base);
    console.log(`${new Date().toISOString().slice(11, 19)}  ${rate} ev/s · published ${stream.total} · ${formatCounts(counts)} · lag ${await totalLag(apps)}`);
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
