import { registeredVersions } from '@eventline/contract-registration';
import { describeFields, type Catalog, type EventContract } from '@eventline/contracts';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import type { CatalogEntry } from './catalog-entry';

export function toEntry(event: EventContract, versions: number[] = []): CatalogEntry {
  const { eventType, title, category, domain, topic, subject, entityType, seed, doc } = event;
  return { eventType, title, category, domain, topic, subject, entityType, seed, doc, fields: describeFields(event.payloadSchema), versions };
}

/** The catalog with each subject's registered versions; without a registry, versions stay empty. */
export async function catalogEntries(catalog: Catalog, registry?: SchemaRegistryClient): Promise<CatalogEntry[]> {
  const versions = registry ? await registeredVersions(catalog.events, registry) : new Map<string, number[]>();
  return catalog.events.map((event) => toEntry(event, versions.get(event.subject) ?? []));
}
