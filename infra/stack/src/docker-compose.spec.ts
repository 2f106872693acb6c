import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { parse } from 'yaml';
import { loadSettings } from './settings';

/** docker-compose cannot run here, so this keeps it consistent with the embedded stack instead. */
describe('docker-compose.yml', () => {
  const root = findWorkspaceRoot();
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
  const settings = loadSettings({});
  const published = (service: string) => compose.services[service].ports.map((p: string) => Number(p.split(':').at(-2)));

  it('runs Kafka in KRaft mode, the Confluent registry and PostgreSQL', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['kafka', 'postgres', 'schema-registry']);
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

  it('keeps topic creation explicit, as the local broker does', () => {
    expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });
});
