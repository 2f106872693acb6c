import type { EventContract } from '@eventline/contracts';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { mapWithConcurrency } from './in-batches';

/** subject → its registered version numbers (empty when not registered yet). */
export async function registeredVersions(events: EventContract[], registry: SchemaRegistryClient): Promise<Map<string, number[]>> {
  const versions = await mapWithConcurrency(events, 8, (event) => registry.versions(event.subject));
  return new Map(events.map((event, i) => [event.subject, versions[i]]));
}
