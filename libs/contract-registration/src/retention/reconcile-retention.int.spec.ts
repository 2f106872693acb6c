import { buildCatalog, defaultSchemasDir, readSources, type Catalog } from '@eventline/contracts';
import { createKafkaPort, type AdminPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { registerCatalog } from '../register-catalog';
import { ShorterRetentionRefused } from './reconcile-retention';

const WEEK = '604800000';
const TIER_MS = { audit: '-1', system: '63072000000', operational: '2592000000' };
/** One domain of each tier is enough to see every kind of change. */
const DOMAINS = ['governance', 'tickets', 'notifications'];

describe('schemas:register reconciles topic retention on the real broker', () => {
  jest.setTimeout(45_000);
  const endpoints = loadStackEndpoints();
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  const scratchTopics: string[] = [];
  let admin: AdminPort;

  beforeAll(async () => {
    admin = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'retention-reconcile-test' }).admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.deleteTopics(scratchTopics);
    await admin.disconnect();
  });

  /** The real domains under a prefix of their own and without events: topics only, no subject is touched. */
  function scratchCatalog(): { catalog: Catalog; topic: (domain: string) => string } {
    const prefix = `${uniqueName('scratch.retention')}.`;
    const full = buildCatalog(readSources(defaultSchemasDir()), prefix);
    const catalog = { ...full, domains: full.domains.filter((d) => DOMAINS.includes(d.domain)), events: [] };
    scratchTopics.push(...catalog.domains.map((d) => d.topic));
    return { catalog, topic: (domain) => `${prefix}${domain}.events.v1` };
  }

  const retentionOf = async (topics: string[]) => Object.fromEntries(await Promise.all(topics.map(async (topic) => [topic, (await admin.topicConfig(topic))['retention.ms']])));

  it("creates topics with their tier's retention, lengthens a 7-day one and reports it, and changes nothing the second time", async () => {
    const { catalog, topic } = scratchCatalog();
    await admin.ensureTopics([{ topic: topic('notifications'), partitions: 1, replicationFactor: 1, config: { 'retention.ms': WEEK } }]);

    const first = await registerCatalog(catalog, registry, admin);
    expect(first.topicsCreated.sort()).toEqual([topic('governance'), topic('tickets')]);
    expect(first.retentionChanged).toEqual([{ topic: topic('notifications'), tier: 'operational', from: WEEK, to: TIER_MS.operational, shortens: false }]);
    expect(await retentionOf(DOMAINS.map(topic))).toEqual({
      [topic('governance')]: TIER_MS.audit,
      [topic('tickets')]: TIER_MS.system,
      [topic('notifications')]: TIER_MS.operational,
    });

    const again = await registerCatalog(catalog, registry, admin);
    expect([again.topicsCreated, again.retentionChanged]).toEqual([[], []]);
  });

  it('refuses to shorten, naming topic, old and new value, and applies nothing; with allowShorterRetention shortens', async () => {
    const { catalog, topic } = scratchCatalog();
    await registerCatalog(catalog, registry, admin);
    await admin.alterTopicConfig(topic('tickets'), { 'retention.ms': '-1' });
    await admin.alterTopicConfig(topic('governance'), { 'retention.ms': WEEK });

    const refused = registerCatalog(catalog, registry, admin);
    await expect(refused).rejects.toBeInstanceOf(ShorterRetentionRefused);
    await expect(refused).rejects.toThrow(`${topic('tickets')}: retention.ms -1 → ${TIER_MS.system} (indefinite → 2 years, tier system)`);
    // The lengthening of governance was not applied either: a refusal leaves every topic as it was.
    expect(await retentionOf([topic('tickets'), topic('governance')])).toEqual({ [topic('tickets')]: '-1', [topic('governance')]: WEEK });

    const allowed = await registerCatalog(catalog, registry, admin, { allowShorterRetention: true });
    expect(allowed.retentionChanged).toEqual([
      { topic: topic('governance'), tier: 'audit', from: WEEK, to: TIER_MS.audit, shortens: false },
      { topic: topic('tickets'), tier: 'system', from: '-1', to: TIER_MS.system, shortens: true },
    ]);
    expect(await retentionOf([topic('tickets'), topic('governance')])).toEqual({ [topic('tickets')]: TIER_MS.system, [topic('governance')]: TIER_MS.audit });
  });
});
