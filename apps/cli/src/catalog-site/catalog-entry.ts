import type { FieldInfo } from '@eventline/contracts';

/** One event type as people browse it: catalog metadata, its fields and what the registry holds. */
export interface CatalogEntry {
  eventType: string;
  title: string;
  category: string;
  domain: string;
  topic: string;
  subject: string;
  entityType: string;
  seed: string;
  doc: string;
  fields: FieldInfo[];
  /** Registered versions; empty when the registry was not asked or holds none yet. */
  versions: number[];
}
