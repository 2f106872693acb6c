import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NODE_OPTIONS, findWorkspaceRoot } from '@eventline/stack-config';
import { parse } from 'yaml';
import { loadSettings } from './settings';

/** docker-compose cannot run here, so this keeps it consistent with the embedded stack instead. */
describe('docker-compose.yml', () => {
  const root = findWorkspaceRoot();
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
  const settings = loadSettings({});
  const published = (service: string) => compose.services[service].ports.map((p: string) => Number(p.split(':').at(-2)));

  it('runs Kafka in KRaft mode, the Confluent registry and PostgreSQL', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['kafka', 'postgres', 'schema-registry']));
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:/);
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services['schema-registry'].image).toMatch(/^confluentinc\/cp-schema-registry:/);
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
  });

  it('uses the Kafka version the local stack runs', () => {
    expect(compose.services.kafka.image).toBe(`apache/kafka:${settings.kafka.version}`);
  });

  it('publishes the same ports as the local stack', () => {
    expect(published('kafka')).toEqual([settings.kafka.port]);
    expect(published('schema-registry')).toEqual([settings.registry.port]);
    expect(published('postgres')).toEqual([5432]);
  });

  it('runs every deployable app from its build with the stack variables, after migrations and contracts', () => {
    // Every app with a main.ts is a long-running service, except the eventline CLI.
    const deployables = readdirSync(join(root, 'apps')).filter((app) => app !== 'cli' && existsSync(join(root, 'apps', app, 'src', 'main.ts')));
    expect(deployables.length).toBeGreaterThanOrEqual(6);
    for (const app of deployables) {
      const service = compose.services[app];
      expect([app, service?.command?.join(' ')]).toEqual([app, `node apps/${app}/src/main.js`]);
      expect(Object.keys(service.environment)).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'DATABASE_URL']));
      expect([app, service.environment.NODE_OPTIONS]).toEqual([app, APP_NODE_OPTIONS]);
      expect(service.depends_on['platform-init'].condition).toBe('service_completed_successfully');
      expect([app, Number(service.environment.HEALTH_PORT) > 0]).toEqual([app, true]);
    }
  });

  it('migrates and registers the contracts with the built CLI before any app starts', () => {
    expect(compose.services['platform-init'].command.join(' ')).toMatch(/node apps\/cli\/src\/main\.js db migrate && node apps\/cli\/src\/main\.js schemas register/);
  });

  it('builds a multi-stage image on Node 24 that ships the build as a non-root user with a liveness check', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const stages = dockerfile.match(/^FROM .*/gm) ?? [];
    expect(stages).toEqual(['FROM node:24-bookworm-slim AS build', 'FROM node:24-bookworm-slim']);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*healthcheck\.js/m);
    expect(readFileSync(join(root, 'infra/docker/healthcheck.js'), 'utf8')).toContain('/health/live');
  });

  it('keeps topic creation explicit, as the local broker does', () => {
    expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });
});
