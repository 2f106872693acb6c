import { describeFields, handlersOf, type Catalog, type EventContract, type SubscriptionsManifest } from '@eventline/contracts';
import type { CatalogEntry } from './catalog-entry';

/** What the catalog alone does not know: the registry's versions per subject and the handlers manifest. */
export interface EntrySources {
  versions?: Map<string, number[]>;
  subscriptions?: SubscriptionsManifest;
}

export function toEntry(catalog: Catalog, event: EventContract, sources: EntrySources = {}): CatalogEntry {
  const { eventType, title, category, domain, topic, subject, file, entityType, seed, doc } = event;
  return {
    eventType,
    title,
    category,
    domain,
    owner: catalog.domains.find((spec) => spec.domain === domain)?.owner ?? '',
    topic,
    subject,
    file,
    entityType,
    seed,
    doc,
    fields: describeFields(event.payloadSchema),
    versions: sources.versions?.get(subject) ?? [],
    handlers: sources.subscriptions ? handlersOf(sources.subscriptions, eventType) : [],
  };
}

/** Every event type of the catalog, with what `sources` holds for it. */
export function catalogEntries(catalog: Catalog, sources: EntrySources = {}): CatalogEntry[] {
  return catalog.events.map((event) => toEntry(catalog, event, sources));
}
