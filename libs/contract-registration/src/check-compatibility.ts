import type { Catalog, EventContract } from '@eventline/contracts';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import pMap from 'p-map';
import { fieldProblems, NO_FIELD_EXPLAINS } from './schema-diff';

export type CompatibilityResult =
  { subject: string; eventType: string; file: string; status: 'new' | 'compatible' } | { subject: string; eventType: string; file: string; status: 'incompatible'; problems: string[] };

/**
 * The compatibility gate: asks the registry whether each working-tree contract may follow what
 * is registered, and explains a refusal field by field against every registered version
 * (FULL_TRANSITIVE: each one counts).
 */
export async function checkCompatibility(events: EventContract[] | Catalog, registry: SchemaRegistryClient): Promise<CompatibilityResult[]> {
  const list = Array.isArray(events) ? events : events.events;
  return pMap(list, (event) => checkEvent(event, registry), { concurrency: 8 });
}

async function checkEvent(event: EventContract, registry: SchemaRegistryClient): Promise<CompatibilityResult> {
  const { subject, eventType, file } = event;
  const versions = await registry.versions(subject);
  if (versions.length === 0) return { subject, eventType, file, status: 'new' };
  const registryAccepts = await registry.isCompatible(subject, event.schema);
  const earlier: Array<{ label: string; schema: unknown }> = [];
  for (const version of versions) earlier.push({ label: `version ${version}`, schema: await registry.schemaAtVersion(subject, version) });
  const problems = fieldProblems(earlier, event.schema);
  if (registryAccepts && problems.length === 0) return { subject, eventType, file, status: 'compatible' };
  return { subject, eventType, file, status: 'incompatible', problems: problems.length > 0 ? problems : [NO_FIELD_EXPLAINS] };
}
