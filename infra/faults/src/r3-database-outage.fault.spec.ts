import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { deadLetterTopic } from '@eventline/consumer-runtime';
import { createKafkaPort } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints, localDir } from '@eventline/stack-config';
import { eventually, freePort, metricSum, startAppUnderTest, ticketAssigned, topicSize, uniqueName, waitForHealth, type AppUnderTest } from '@eventline/test-harness';
import { PrivatePostgres } from '../../stack/src/private-postgres';
import { bySize } from './fault-size';
import { databaseOutage, ExitWatch } from './support/app-watch';
import { auditCounts } from './support/projection-counts';
import { endPositions, storeGroupPositions } from './support/group-at-end';
import { publishPaced } from './support/paced-publisher';

/**
 * R3: the audit projector's PostgreSQL stops mid-stream (a restart, an failover) while events keep
 * coming. The projector must stay up, wait, and project every event exactly once when the
 * database is back. The database is the test's own embedded server: the shared stack's is never stopped.
 */
const GROUP = 'audit-projector';
const EVENTS = bySize({ short: 5_000, full: 20_000 });
const OUTAGE_S = bySize({ short: 15, full: 30 });
const BATCH = 250;
const TENANTS = 4;
/** The stream runs from a few seconds before the outage to a few seconds after it. */
const PUBLISH_INTERVAL_MS = Math.round(((OUTAGE_S + 6) * 1_000) / (EVENTS / BATCH));
/** The goal for recovery is the runtime's longest backoff step during the outage; fail above twice that. */
const RECOVERY_LIMIT_S = 2 * OUTAGE_S;

function projectorLog(): string {
  const logDir = localDir(undefined, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `r3-audit-projector-${process.pid}.log`);
  console.log(`R3: the audit projector logs to ${logFile}`);
  return logFile;
}

async function withPool<T>(databaseUrl: string, work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = createPool({ connectionString: databaseUrl, applicationName: 'r3-fault-setup', max: 1 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

describe('R3: a PostgreSQL outage under the audit projector', () => {
  jest.setTimeout(bySize({ short: 90_000, full: 240_000 }));
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'r3-fault-test' });
  const publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog: loadCatalog(), source: 'r3-fault-test', maxBatchSize: 1_000 });
  let database: PrivatePostgres;
  let pool: Pool;
  let projector: AppUnderTest | undefined;
  let watch: ExitWatch;
  let port: number;
  let setupS: number;

  beforeAll(async () => {
    const started = Date.now();
    const topics = catalogTopics(loadCatalog()).map((t) => t.topic);
    // The projector boots (the slow part) while its database is prepared on another port; it
    // waits for the database at start, and finds it on its port only once migrated and positioned.
    const databasePort = await freePort();
    projector = await startAppUnderTest({ app: 'audit-projector', env: { DATABASE_URL: PrivatePostgres.urlOn(databasePort) }, logFile: projectorLog(), readyTimeoutMs: false });
    port = projector.port;
    watch = new ExitWatch(projector.child);
    const [privateDatabase, startAt] = await Promise.all([PrivatePostgres.start(), endPositions(kafka, topics)]);
    database = privateDatabase;
    await migrate(database.databaseUrl);
    await withPool(database.databaseUrl, (setup) => storeGroupPositions(setup, GROUP, startAt));
    await database.moveTo(databasePort);
    // The test's own reads see the outage too; their failures are expected and not worth a line each.
    pool = createPool({ connectionString: database.databaseUrl, applicationName: 'r3-fault-test', max: 2, logger: { warn: () => undefined } });
    await waitForHealth(port, 45_000);
    setupS = (Date.now() - started) / 1_000;
  });

  afterAll(async () => {
    watch?.expectExit();
    await Promise.all([projector?.stop(), publisher.close()]);
    await pool?.end();
    await database?.remove();
  });

  const projected = async (tenants: string[]) => {
    watch.assertUp('the audit projector');
    return (await auditCounts(pool, tenants).catch(() => ({ domainEvents: 0 }))).domainEvents;
  };

  it(`projects every event exactly once after a ${OUTAGE_S} s database outage, without exiting`, async () => {
    const tenants = Array.from({ length: TENANTS }, (_, i) => uniqueName(`r3-${i}`));
    const events = Array.from({ length: EVENTS }, (_, n) => ticketAssigned(tenants[n % TENANTS], n));
    const dlqBefore = await topicSize(kafka, deadLetterTopic(GROUP));
    const publishing = publishPaced(publisher, events, BATCH, PUBLISH_INTERVAL_MS);

    const beforeOutage = await eventually(
      'some events projected before the outage',
      async () => {
        const n = await projected(tenants);
        return n >= BATCH ? n : undefined;
      },
      20_000,
    );
    const { duringOutage, restartedAt } = await databaseOutage(database, port, OUTAGE_S);

    const acknowledged = await publishing;
    await eventually('every acknowledged event projected', async () => ((await projected(tenants)) >= acknowledged.length ? true : undefined), RECOVERY_LIMIT_S * 1_000 + 10_000);
    const recoveryS = (Date.now() - restartedAt) / 1_000;
    await sleep(1_000); // a duplicate would land after the last row: give it the chance to.
    const final = await auditCounts(pool, tenants);
    const deadLettered = await metricSum(port, 'eventline_events_dead_lettered_total');
    const dlqAfter = await topicSize(kafka, deadLetterTopic(GROUP));

    const lost = acknowledged.length - final.distinctDomainEvents;
    const duplicated = final.domainEvents - final.distinctDomainEvents + (final.auditLogs - final.distinctAuditLogs);
    console.log(
      [
        `R3 database outage: published ${events.length}, acknowledged ${acknowledged.length}, outage ${OUTAGE_S} s (stopped after ${beforeOutage} projected)`,
        `  projected ${final.distinctDomainEvents} (domain_events ${final.domainEvents}, audit_logs ${final.auditLogs}), lost ${lost}, duplicated ${duplicated}`,
        `  ${recoveryS.toFixed(1)} s from database restart to all projected; dead letters ${deadLettered} (topic grew by ${dlqAfter - dlqBefore})`,
        `  setup (private PostgreSQL, migrations, projector ready) ${setupS.toFixed(1)} s`,
        `  projector process: ${watch.exit ?? 'stayed up'}; /health/ready during the outage: ${[...duringOutage].map(([k, n]) => `${k} x${n}`).join(', ')}`,
      ].join('\n'),
    );

    expect(watch.exit).toBeUndefined();
    expect(acknowledged).toHaveLength(EVENTS);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(final).toEqual({ domainEvents: EVENTS, distinctDomainEvents: EVENTS, auditLogs: EVENTS, distinctAuditLogs: EVENTS });
    expect(deadLettered).toBe(0);
    expect(dlqAfter).toBe(dlqBefore);
    expect([...duringOutage.keys()].some((key) => key.startsWith('503'))).toBe(true);
    expect(recoveryS).toBeLessThan(RECOVERY_LIMIT_S);
  });
});
