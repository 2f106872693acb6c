import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { createKafkaPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { findWorkspaceRoot, loadStackEndpoints, stackEnvPath } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { Client } from 'pg';
import { isPortOpen } from './net';
import { isAlive } from './processes';
import { loadSettings } from './settings';
import { status } from './stack';

const run = promisify(execFile);
const root = findWorkspaceRoot();
const stack = (command: string) => run(process.execPath, ['--import', 'tsx', 'infra/stack/src/cli.ts', command], { cwd: root, timeout: 240_000 });

/**
 * The stack's own lifecycle, on the real servers. It ends by starting the stack again, so
 * suites that run after it find the servers up.
 */
describe('local stack', () => {
  const settings = loadSettings();
  jest.setTimeout(300_000);

  beforeAll(async () => {
    await stack('up');
  });

  it('writes the three endpoints to .local/stack.env', () => {
    const text = readFileSync(stackEnvPath(root), 'utf8');
    expect(text).toMatch(/^KAFKA_BROKERS=127\.0\.0\.1:\d+$/m);
    expect(text).toMatch(/^SCHEMA_REGISTRY_URL=http:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7$/m);
    expect(text).toMatch(/^DATABASE_URL=postgres:\/\/.+$/m);
  });

  it('has all three servers answering', async () => {
    const endpoints = loadStackEndpoints();
    const admin = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'stack-test' }).admin();
    await admin.connect();
    expect((await admin.describeCluster()).brokers).toBe(1);
    await admin.disconnect();

    const subjects = await fetch(`${endpoints.schemaRegistryUrl}/subjects`);
    expect(subjects.status).toBe(200);
    expect(Array.isArray(await subjects.json())).toBe(true);

    const db = new Client({ connectionString: endpoints.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ db: string }>('select current_database() as db');
    await db.end();
    expect(rows[0].db).toBe(new URL(endpoints.databaseUrl).pathname.slice(1));
  });

  it('changes nothing on a second stack:up', async () => {
    const before = await status(settings);
    const envBefore = readFileSync(stackEnvPath(root), 'utf8');
    const { stdout } = await stack('up');
    expect(stdout).toContain('Stack already running');
    expect(await status(settings)).toEqual(before);
    expect(readFileSync(stackEnvPath(root), 'utf8')).toBe(envBefore);
  });

  it('leaves no process behind on stack:down, and comes back on stack:up', async () => {
    const pids = (await status(settings)).filter((s) => s.running).map((s) => s.pid!);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    const registry = new SchemaRegistryClient(loadStackEndpoints().schemaRegistryUrl);
    const subject = `${uniqueName('stack.restart')}-dev.eventline.test.Kept`;
    const id = await registry.register(subject, { type: 'record', name: 'Kept', fields: [{ name: 'a', type: 'string' }] });

    await stack('down');
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await isPortOpen(settings.kafka.port)).toBe(false);
    expect(await isPortOpen(settings.kafka.controllerPort)).toBe(false);
    expect(await isPortOpen(settings.registry.port)).toBe(false);
    expect((await status(settings)).filter((s) => s.running)).toEqual([]);

    const { stdout } = await stack('up');
    expect(stdout).toContain('Stack started');
    expect((await status(settings)).filter((s) => s.running).length).toBe(pids.length);
    // The registry keeps its schemas in PostgreSQL, so they outlive the process.
    expect(await registry.latestSchemaId(subject)).toBe(id);
  });
});
