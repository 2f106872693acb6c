import { retentionMsOf, type RetentionTier } from './retention-tiers';
import type { Catalog } from './types';

export interface CatalogTopic {
  topic: string;
  partitions: number;
  tier: RetentionTier;
  /** The topic-level settings the catalog fixes: its tier's retention. */
  config: { 'retention.ms': string };
}

/** Topic definitions come from domain.json only: one topic per domain, never written twice. */
export function catalogTopics(catalog: Catalog): CatalogTopic[] {
  return catalog.domains.map(({ topic, partitions, retention }) => ({
    topic,
    partitions,
    tier: retention,
    config: { 'retention.ms': retentionMsOf(retention) },
  }));
}
