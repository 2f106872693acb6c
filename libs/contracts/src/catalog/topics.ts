import type { Catalog } from './types';

export interface CatalogTopic {
  topic: string;
  partitions: number;
}

/** Topic definitions come from domain.json only: one topic per domain, never written twice. */
export function catalogTopics(catalog: Catalog): CatalogTopic[] {
  return catalog.domains.map(({ topic, partitions }) => ({ topic, partitions }));
}
