import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort, withAdmin } from '@eventline/kafka-port';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, eventually, exited, uniqueName, waitForHealth, type ScratchDatabase } from '@eventline/test-harness';
import { downstreamEvents } from './downstream-fixtures';
import { SDK_LIBRARIES } from './sdk';

const run = promisify(execFile);
const root = findWorkspaceRoot();
const PORT = 18295;
const GROUP = 'downstream-consumer';

/**
 * The SDK as a downstream team gets it: `npm run pack:sdk`, examples/downstream-consumer copied outside the checkout
 * and installed there from the tarballs alone, built with its own tsc, migrated into a database of its own and run
 * against the stack on prefixed topics. Heavy (a pack, an npm install, a build), so it is `npm run test:sdk`.
 */
describe('a downstream consumer built from the packed SDK', () => {
  const endpoints = loadStackEndpoints();
  const prefix = `${uniqueName('downstream')}.`;
  const catalog = loadCatalog(undefined, { topicPrefix: prefix });
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'downstream-sdk-test' });
  const appDir = mkdtempSync(join(tmpdir(), 'eventline-downstream-'));
  let database: ScratchDatabase;
  let app: ChildProcess | undefined;
  let packLines: string[];
  const inApp = (command: string, args: string[], env: Record<string, string> = {}) => runIn(appDir, command, args, env);

  beforeAll(async () => {
    packLines = (await runIn(root, 'npm', ['run', '-s', 'pack:sdk'])).stdout.split('\n').filter((line) => line.startsWith('pack: @eventline/'));
    cpSync(join(root, 'examples', 'downstream-consumer'), appDir, { recursive: true, filter: (path) => !/[/\\](node_modules|dist)$/.test(path) });
    const tarballs = SDK_LIBRARIES.map((name) => join(root, 'dist', 'sdk', `eventline-${name}-${readVersion()}.tgz`));
    await inApp('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs]);
    await inApp('npm', ['run', '-s', 'build']);
    database = await createScratchDatabase(endpoints.databaseUrl);
    const topics = [...new Set(catalog.events.filter((e) => e.domain === 'ai' || e.domain === 'learning').map((e) => e.topic))];
    await withAdmin(kafka, (admin) => admin.ensureTopics(topics.map((topic) => ({ topic, partitions: 2, replicationFactor: 1 }))));
  }, 600_000);

  afterAll(async () => {
    app?.kill('SIGKILL');
    if (app) await exited(app);
    await withAdmin(kafka, async (admin) => admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix))));
    await database?.drop();
    rmSync(appDir, { recursive: true, force: true });
  }, 60_000);

  it('packs every SDK library, one progress line each', () => {
    expect(packLines.map((line) => line.split(' ')[1].replace(/@[^@]*$/, ''))).toEqual(SDK_LIBRARIES.map((name) => `@eventline/${name}`));
  });

  it('depends on every SDK package, by tarball', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'examples', 'downstream-consumer', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const sdk = Object.entries(manifest.dependencies).filter(([name]) => name.startsWith('@eventline/'));
    expect(sdk.map(([name]) => name).sort()).toEqual(SDK_LIBRARIES.map((name) => `@eventline/${name}`).sort());
    for (const [name, spec] of sdk) expect(spec).toBe(`file:../../dist/sdk/${name.slice(1).replace('/', '-')}-${readVersion()}.tgz`);
  });

  it('resolves every package from its own node_modules, none from the checkout', async () => {
    const { stdout } = await inApp('npm', ['ls', '--all', '--parseable']);
    const paths = stdout.trim().split('\n');
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((path) => !path.startsWith(appDir))).toEqual([]);
    const { stdout: resolved } = await inApp(process.execPath, ['-p', "require.resolve('@eventline/contracts') + ' ' + require('@eventline/contracts').defaultSchemasDir()"]);
    expect(resolved.trim()).toBe(`${join(appDir, 'node_modules/@eventline/contracts/src/index.js')} ${join(appDir, 'node_modules/@eventline/contracts/schemas')}`);
  });

  it("types the handlers from the packed contracts: a handler of the wrong event's type does not compile", async () => {
    const wrong = [
      "import type { DecodedEvent, TransactionalContext } from '@eventline/consumer-runtime';",
      "import { OnEvent } from '@eventline/consumer-nest';",
      'export class Wrong {',
      "  @OnEvent('ai_response.created')",
      "  async handle(events: Array<DecodedEvent<'ebook.watermark_issued'>>, context: TransactionalContext): Promise<void> {",
      '    void events, context;',
      '  }',
      '}',
    ].join('\n');
    writeFileSync(join(appDir, 'src', 'wrong.ts'), wrong);
    try {
      await expect(inApp('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])).rejects.toThrow(/src\/wrong\.ts\(4,4\): error TS1241: Unable to resolve signature of method decorator/);
    } finally {
      rmSync(join(appDir, 'src', 'wrong.ts'));
    }
  }, 60_000);

  it('migrates its own database: its two read models and its offsets, nothing of the platform', async () => {
    const { stdout } = await inApp('npm', ['run', '-s', 'db:migrate'], { DOWNSTREAM_CONSUMER_DATABASE_URL: database.url });
    expect(stdout).toContain('1765000000001_read-models');
    expect((await database.tables()).filter((table) => !table.startsWith('pgmigrations') && !table.includes('migration'))).toEqual(['ai_responses', 'consumer_offsets', 'ebook_watermark_events']);
  }, 60_000);

  it('materialises ai_responses (every version) and ebook_watermark_events from published events, each event once', async () => {
    app = spawn(process.execPath, ['dist/main.js'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH,
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        DATABASE_URL: database.url,
        DOWNSTREAM_CONSUMER_DATABASE_URL: database.url,
        EVENTLINE_TOPIC_PREFIX: prefix,
        DOWNSTREAM_CONSUMER_PORT: String(PORT),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHealth(PORT, 120_000);

    const tenant = uniqueName('downstream-tenant');
    const fed = downstreamEvents(tenant);
    const publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog, source: 'downstream-sdk-test' });
    try {
      await publisher.publishMany(fed.events as never);
    } finally {
      await publisher.close();
    }

    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const query = async (sql: string, params: unknown[] = [tenant]) => (await db.query(sql, params)).rows;
      await eventually(
        'the last event of each partition',
        async () => {
          const [{ n }] = await query("SELECT count(*)::int AS n FROM ai_responses WHERE tenant_id = $1 AND sanitization_failures <> '{}'");
          const [{ w }] = await query("SELECT count(*)::int AS w FROM ebook_watermark_events WHERE tenant_id = $1 AND watermark_id = 'wm-3'");
          return n === 1 && w === 1 ? true : undefined;
        },
        60_000,
      );
      const keys = (column: string) => `(SELECT count(*)::int FROM jsonb_object_keys(${column}))`;
      const versions = await query(
        `SELECT response_id, version, raw_markdown, previous_version, model, ${keys('actions_executed')} AS actions, ${keys('sanitization_failures')} AS failures FROM ai_responses WHERE tenant_id = $1 ORDER BY version`,
      );
      expect(versions).toEqual([
        { response_id: fed.responseId, version: 1, raw_markdown: 'First answer', previous_version: null, model: 'gpt-4o', actions: 0, failures: 0 },
        { response_id: fed.responseId, version: 2, raw_markdown: 'Second answer', previous_version: 1, model: 'gpt-4o', actions: 1, failures: 1 },
      ]);
      const downloads = await query('SELECT watermark_id, download_count, download_limit, device_id, ip_address, format FROM ebook_watermark_events WHERE tenant_id = $1 ORDER BY download_count');
      expect(downloads).toEqual([1, 2, 3].map((n) => ({ watermark_id: `wm-${n}`, download_count: n, download_limit: 3, device_id: 'device-1', ip_address: '192.0.2.7', format: 'epub' })));
      expect(await query('SELECT DISTINCT group_id FROM consumer_offsets', [])).toEqual([{ group_id: `${prefix}${GROUP}` }]);
    } finally {
      await db.end();
    }
    // The platform's own offsets table knows nothing of the group.
    const platform = new Client({ connectionString: endpoints.databaseUrl });
    await platform.connect();
    const { rows } = await platform.query('SELECT count(*)::int AS n FROM consumer_offsets WHERE group_id = $1', [`${prefix}${GROUP}`]).finally(() => platform.end());
    expect(rows).toEqual([{ n: 0 }]);
  }, 180_000);

  it('stops within seconds of SIGTERM', async () => {
    const started = Date.now();
    app!.kill('SIGTERM');
    await exited(app!);
    const seconds = (Date.now() - started) / 1000;
    console.log(`downstream consumer stopped ${seconds.toFixed(1)} s after SIGTERM`);
    expect(seconds).toBeLessThan(10);
    app = undefined;
  }, 30_000);
});

/** A command's output, or an error that carries it (tsc's and npm's messages are on stdout as often as on stderr). */
async function runIn(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string }> {
  try {
    return await run(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`, { cause: error });
  }
}

function readVersion(): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
