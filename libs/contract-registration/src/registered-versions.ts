import type { EventContract } from '@eventline/contracts';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import pMap from 'p-map';

/** subject → its registered version numbers (empty when not registered yet). */
export async function registeredVersions(events: EventContract[], registry: SchemaRegistryClient): Promise<Map<string, number[]>> {
  const versions = await pMap(events, (event) => registry.versions(event.subject), { concurrency: 8 });
  return new Map(events.map((event, i) => [event.subject, versions[i]]));
}
