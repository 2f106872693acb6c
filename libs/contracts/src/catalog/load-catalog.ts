import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { lintCatalog } from '../lint/lint-catalog';
import { formatIssue } from '../lint/lint-issue';
import { composeEventSchema } from './compose';
import { subjectFor } from './naming';
import { readSources } from './read-sources';
import type { Catalog, CatalogSources, DomainSpec, EventContract, EventMetadata } from './types';

export class CatalogError extends Error {
  constructor(readonly issues: string[]) {
    super(`The event catalog in schemas/ has ${issues.length} problem(s):\n  ${issues.join('\n  ')}`);
    this.name = 'CatalogError';
  }
}

export const defaultSchemasDir = () => join(findWorkspaceRoot(), 'schemas');

/** Reads, lints and derives the whole catalog; refuses a catalog the linter rejects. */
export function loadCatalog(schemasDir: string = defaultSchemasDir()): Catalog {
  const sources = readSources(schemasDir);
  const issues = lintCatalog(sources);
  if (issues.length > 0) throw new CatalogError(issues.map(formatIssue));
  return buildCatalog(sources);
}

export function buildCatalog(sources: CatalogSources): Catalog {
  const domains = sources.domains.map((d) => d.json as unknown as DomainSpec);
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
      subject: subjectFor(domain.topic, fullName),
      file,
      payloadSchema: json,
      schema: composeEventSchema(sources.envelope.json, json),
    };
  });
  return { envelope: sources.envelope.json, domains, events };
}

export function findEvent(catalog: Catalog, eventType: string): EventContract | undefined {
  return catalog.events.find((event) => event.eventType === eventType);
}
