import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintCatalog } from '../lint/lint-catalog';
import { formatIssue } from '../lint/lint-issue';
import { composeEventSchema } from './compose';
import { subjectFor } from './naming';
import { readSources } from './read-sources';
import { topicPrefixFrom } from './topic-prefix';
import type { Catalog, CatalogSources, DomainSpec, EventContract, EventMetadata } from './types';

export class CatalogError extends Error {
  constructor(readonly issues: string[]) {
    super(`The event catalog in schemas/ has ${issues.length} problem(s):\n  ${issues.join('\n  ')}`);
    this.name = 'CatalogError';
  }
}

/**
 * Where schemas/ sits relative to this file: two levels up in the library's own package (dist/libs/contracts, and
 * node_modules/@eventline/contracts once installed), which bundles the catalog; four levels up in the checkout and in
 * an app's build (both keep the workspace layout). The bundled copy is looked for first: four levels up from an
 * installed package is some node_modules/, where a folder named schemas/ would be nobody's catalog.
 * EVENTLINE_SCHEMAS_DIR overrides.
 */
const SCHEMAS_DIR_CANDIDATES = [join(__dirname, '..', '..', 'schemas'), join(__dirname, '..', '..', '..', '..', 'schemas')];

export function defaultSchemasDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EVENTLINE_SCHEMAS_DIR) return env.EVENTLINE_SCHEMAS_DIR;
  const found = SCHEMAS_DIR_CANDIDATES.find((dir) => existsSync(join(dir, '_envelope')));
  if (!found) throw new Error(`No event catalog: none of ${SCHEMAS_DIR_CANDIDATES.join(', ')} holds schemas/_envelope; set EVENTLINE_SCHEMAS_DIR`);
  return found;
}

export interface LoadCatalogOptions {
  /** Put before every topic (not subject); default EVENTLINE_TOPIC_PREFIX (see topicPrefixFrom). */
  topicPrefix?: string;
}

/** Reads, lints and derives the whole catalog; refuses a catalog the linter rejects. */
export function loadCatalog(schemasDir: string = defaultSchemasDir(), options: LoadCatalogOptions = {}): Catalog {
  const sources = readSources(schemasDir);
  const issues = lintCatalog(sources);
  if (issues.length > 0) throw new CatalogError(issues.map(formatIssue));
  return buildCatalog(sources, options.topicPrefix ?? topicPrefixFrom());
}

/** The subject is named after the catalog's own topic, so a prefixed catalog shares the platform's schema ids. */
export function buildCatalog(sources: CatalogSources, topicPrefix = ''): Catalog {
  const domains = sources.domains.map((d) => {
    const spec = d.json as unknown as DomainSpec;
    return { ...spec, topic: `${topicPrefix}${spec.topic}` };
  });
  const catalogTopic = new Map(sources.domains.map((d) => [d.dir, (d.json as unknown as DomainSpec).topic]));
  const byDir = new Map(domains.map((d) => [d.domain, d]));
  const events = sources.events.map(({ dir, file, json }): EventContract => {
    const domain = byDir.get(dir)!;
    const meta = json.eventline as unknown as EventMetadata;
    const fullName = `${String(json.namespace)}.${String(json.name)}`;
    return {
      eventType: meta.event_type,
      title: meta.title,
      category: meta.category,
      domain: domain.domain,
      topic: domain.topic,
      entityType: meta.entity_type,
      seed: meta.seed,
      doc: String(json.doc),
      fullName,
      subject: subjectFor(catalogTopic.get(dir)!, fullName),
      file,
      payloadSchema: json,
      schema: composeEventSchema(sources.envelope.json, json),
    };
  });
  return { envelope: sources.envelope.json, domains, events };
}

/** Per catalog, its events by type: the publisher looks one up per event, and a catalog holds hundreds. */
const byType = new WeakMap<Catalog, { events: EventContract[]; index: Map<string, EventContract> }>();

export function findEvent(catalog: Catalog, eventType: string): EventContract | undefined {
  let entry = byType.get(catalog);
  // A catalog whose events array was replaced since is indexed afresh.
  if (!entry || entry.events !== catalog.events) {
    entry = { events: catalog.events, index: new Map(catalog.events.map((event) => [event.eventType, event])) };
    byType.set(catalog, entry);
  }
  return entry.index.get(eventType);
}
