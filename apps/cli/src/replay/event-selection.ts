import type { Catalog } from '@eventline/contracts';
import { CliError } from '../errors';

/** Which events a replay keeps, beyond tenant and window: none given means every type. */
export interface EventSelection {
  topics: string[];
  matchesType(eventType: string): boolean;
  /** As given, for the manifest: exact types and prefixes (`TICKET_*`, `community.*`). */
  types: string[];
}

/**
 * `--types` takes event types and prefixes ending in `*`; `--topics` takes catalog topics. Each
 * must match something in the catalog: a typo would otherwise replay nothing and look exact.
 * Without --topics, the topics are those of the selected types (every catalog topic by default).
 */
export function selectEvents(catalog: Catalog, types: string[] = [], topics?: string[]): EventSelection {
  const known = new Set(catalog.events.map((e) => e.eventType));
  const catalogTopics = new Set(catalog.events.map((e) => e.topic));
  const matchers = types.map((pattern) => typeMatcher(pattern));
  types.forEach((pattern, i) => {
    if (![...known].some(matchers[i]))
      throw new CliError(`--types: "${pattern}" is not an event type of the catalog${pattern.endsWith('*') ? ' (no type starts with it)' : ''}; see \`eventline catalog list\``);
  });
  for (const topic of topics ?? []) {
    if (!catalogTopics.has(topic)) throw new CliError(`--topics: "${topic}" is not a catalog topic (${[...catalogTopics].sort().slice(0, 3).join(', ')}, …)`);
  }
  const matchesType = (eventType: string) => matchers.length === 0 || matchers.some((m) => m(eventType));
  const typeTopics = catalog.events.filter((e) => matchesType(e.eventType)).map((e) => e.topic);
  return { topics: [...new Set(topics ?? typeTopics)].sort(), matchesType, types };
}

function typeMatcher(pattern: string): (eventType: string) => boolean {
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return (eventType) => eventType.startsWith(prefix);
  }
  return (eventType) => eventType === pattern;
}
