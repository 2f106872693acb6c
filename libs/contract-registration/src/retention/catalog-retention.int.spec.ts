import { catalogTopics, loadCatalog, RETENTION_TIERS } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { loadStackEndpoints } from '@eventline/stack-config';

/**
 * The catalog's topics as the stack has them: `npm test` runs schemas:register before any spec
 * (run-tests' prepareStack), so each topic must carry its domain's tier. Run alone, run
 * `npm run schemas:register` first.
 */
describe("every catalog topic on the broker has its domain's retention tier", () => {
  it('has retention.ms equal to its tier, for every domain', async () => {
    const admin = createKafkaPort({ brokers: loadStackEndpoints().kafkaBrokers, clientId: 'catalog-retention-test' }).admin();
    await admin.connect();
    try {
      const topics = catalogTopics(loadCatalog());
      const onBroker = await Promise.all(topics.map(async ({ topic, tier }) => [topic, `${tier} ${(await admin.topicConfig(topic))['retention.ms']}`]));
      const expected = topics.map(({ topic, tier }) => [topic, `${tier} ${RETENTION_TIERS[tier]}`]);
      expect(Object.fromEntries(onBroker)).toEqual(Object.fromEntries(expected));
      expect(topics.length).toBeGreaterThan(20);
    } finally {
      await admin.disconnect();
    }
  });
});
