import { catalogTopics } from './topics';
import { loadCatalog } from './load-catalog';
import { RETENTION_TIERS, isRetentionTier } from './retention-tiers';

describe('retention tiers', () => {
  it('keep audit for ever, system 2 years and operational 30 days, in retention.ms', () => {
    expect(RETENTION_TIERS).toEqual({ audit: '-1', system: String(730 * 86_400_000), operational: String(30 * 86_400_000) });
  });

  it('are recognised by name only', () => {
    expect(['audit', 'system', 'operational'].every(isRetentionTier)).toBe(true);
    expect([undefined, 'forever', 'toString', 7].some(isRetentionTier)).toBe(false);
  });

  it("give every catalog topic its domain's tier as retention.ms", () => {
    const catalog = loadCatalog(undefined, { topicPrefix: '' });
    const topics = new Map(catalogTopics(catalog).map((t) => [t.topic, t]));
    for (const domain of catalog.domains) {
      expect(topics.get(domain.topic)).toMatchObject({ tier: domain.retention, config: { 'retention.ms': RETENTION_TIERS[domain.retention] } });
    }
    expect(topics.get('governance.events.v1')?.config['retention.ms']).toBe('-1');
  });
});
