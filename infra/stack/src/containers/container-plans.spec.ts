import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, formatEnvFile, loadStackEndpoints, parseEnvFile } from '@eventline/stack-config';
import { parse } from 'yaml';
import { loadSettings } from '../settings';
import { readComposeServers } from './compose-servers';
import { containerPlans, containerStackEnv, healthcheckCommand, kafkaStarterScript } from './container-plans';
import { advertisedListeners, STARTER_READY, STARTER_SCRIPT } from './kafka-listeners';

describe('the containers stack, as configured from docker-compose.yml', () => {
  const root = findWorkspaceRoot();
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }).services;
  const stringValues = (env: Record<string, unknown>) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
  const servers = readComposeServers(root);
  const plans = containerPlans(servers);

  it("runs compose's images, Kafka at the version the embedded stack runs", () => {
    expect(plans.kafka.image).toBe(`apache/kafka:${loadSettings({}).kafka.version}`);
    expect(plans['schema-registry'].image).toBe(compose['schema-registry'].image);
    expect(plans['schema-registry'].image).toMatch(/^confluentinc\/cp-schema-registry:/);
    expect(plans.postgres.image).toBe(compose.postgres.image);
  });

  it("passes compose's environment, all but Kafka's advertised listeners, which the starter script sets", () => {
    const { KAFKA_ADVERTISED_LISTENERS, ...kafkaEnv } = stringValues(compose.kafka.environment);
    expect(KAFKA_ADVERTISED_LISTENERS).toBeDefined();
    expect(plans.kafka.environment).toEqual(kafkaEnv);
    expect(plans.kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller', KAFKA_NODE_ID: '1', KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' });
    expect(plans['schema-registry'].environment).toEqual(stringValues(compose['schema-registry'].environment));
    expect(plans.postgres.environment).toEqual({ POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'eventline', POSTGRES_DB: 'eventline' });
  });

  it("exposes compose's container ports and names each container as its service, so the registry finds kafka:19092", () => {
    expect([plans.kafka, plans['schema-registry'], plans.postgres].map((p) => [p.networkAlias, p.containerPort])).toEqual([
      ['kafka', 9092],
      ['schema-registry', 8081],
      ['postgres', 5432],
    ]);
    expect(plans['schema-registry'].environment.SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS).toBe('PLAINTEXT://kafka:19092');
  });

  it('holds Kafka back until the starter script is in place, and only the other two get a command of their own', () => {
    expect(plans.kafka.command?.join(' ')).toContain(`while [ ! -f ${STARTER_READY} ]`);
    expect(plans.kafka.command?.join(' ')).toContain(`exec ${STARTER_SCRIPT}`);
    expect(plans['schema-registry'].command).toBeUndefined();
    expect(plans.postgres.command).toBeUndefined();
  });

  it('advertises the host listener on the mapped host port and keeps the internal one for the registry', () => {
    const script = kafkaStarterScript(servers.kafka, { host: 'localhost', port: 32771 });
    expect(script).toBe("#!/bin/sh\nexport KAFKA_ADVERTISED_LISTENERS='HOST://localhost:32771,INTERNAL://kafka:19092'\nexec /etc/kafka/docker/run\n");
  });

  it("checks readiness with compose's healthchecks", () => {
    expect(plans.kafka.healthcheck).toEqual(['sh', '-c', compose.kafka.healthcheck.test[1]]);
    expect(plans.postgres.healthcheck).toEqual(['sh', '-c', 'pg_isready -U postgres -d eventline']);
    expect(healthcheckCommand(['CMD', 'pg_isready', '-q'])).toEqual(['pg_isready', '-q']);
    expect(() => healthcheckCommand(['NONE'])).toThrow('healthcheck test must start with CMD or CMD-SHELL, got "NONE"');
  });

  it('writes stack.env lines that every test reads as the mapped endpoints', () => {
    const env = containerStackEnv(plans, {
      kafka: { host: 'localhost', port: 32771 },
      'schema-registry': { host: 'localhost', port: 32772 },
      postgres: { host: 'localhost', port: 32773 },
    });
    expect(env).toEqual({
      KAFKA_BROKERS: 'localhost:32771',
      SCHEMA_REGISTRY_URL: 'http://localhost:32772',
      DATABASE_URL: 'postgres://postgres:eventline@localhost:32773/eventline',
    });
    expect(loadStackEndpoints({}, parseEnvFile(formatEnvFile(env, 'header')))).toEqual({
      kafkaBrokers: ['localhost:32771'],
      schemaRegistryUrl: 'http://localhost:32772',
      databaseUrl: 'postgres://postgres:eventline@localhost:32773/eventline',
    });
  });

  it('refuses advertised listeners without the host listener', () => {
    expect(() => advertisedListeners('INTERNAL://kafka:19092', 'HOST', 'localhost', 1)).toThrow('does not advertise the HOST listener');
  });

  it('names docker-compose.yml and the service when a server is missing from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eventline-compose-'));
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  kafka:\n    image: apache/kafka:4.4.0\n');
    expect(() => readComposeServers(dir)).toThrow(`${join(dir, 'docker-compose.yml')}: service "kafka" has no environment map`);
    writeFileSync(join(dir, 'docker-compose.yml'), readFileSync(join(root, 'docker-compose.yml'), 'utf8').replace(/^ {2}postgres:$/m, '  database:'));
    expect(() => readComposeServers(dir)).toThrow('service "postgres" is missing');
  });
});
