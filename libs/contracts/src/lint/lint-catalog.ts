import { Type } from 'avsc';
import { composeEventSchema } from '../catalog/compose';
import { namespaceFor, recordNameFor, topicFor } from '../catalog/naming';
import { RETENTION_TIERS, isRetentionTier } from '../catalog/retention-tiers';
import { NAMING_STYLES, type AvroSchema, type CatalogSources, type DomainSpec, type NamingStyle } from '../catalog/types';
import { checkPiiSubjects, checkRecordFields, issueReporter } from './field-rules';
import type { LintIssue } from './lint-issue';

const METADATA_KEYS = ['event_type', 'title', 'category', 'entity_type', 'seed'] as const;

/** All the rules `npm run schemas:lint` enforces; an empty list means the catalog may be loaded. */
export function lintCatalog(sources: CatalogSources): LintIssue[] {
  const issues: LintIssue[] = [];
  const domains = new Map<string, DomainSpec>();
  for (const { dir, file, json } of sources.domains) {
    const domainIssues = lintDomain(dir, json);
    issues.push(...domainIssues.map((message) => ({ file, message })));
    if (domainIssues.length === 0) domains.set(dir, json as unknown as DomainSpec);
  }
  const seenTypes = new Map<string, string>();
  for (const source of sources.events) {
    const report = issueReporter(source.file, issues);
    const eventType = lintEvent(source, domains.get(source.dir), sources.envelope.json, report);
    if (eventType === undefined) continue;
    const first = seenTypes.get(eventType);
    if (first) report('', `event type "${eventType}" is duplicated (also in ${first})`);
    else seenTypes.set(eventType, source.file);
  }
  return issues;
}

function lintDomain(dir: string, json: AvroSchema): string[] {
  const problems: string[] = [];
  if (json.domain !== dir) problems.push(`"domain" must be "${dir}", the folder's name`);
  if (typeof json.topic !== 'string' || Array.isArray(json.topic)) problems.push('"topic" must be exactly one topic name');
  else if (json.topic !== topicFor(dir)) problems.push(`"topic" must be "${topicFor(dir)}"`);
  if (!Number.isInteger(json.partitions) || (json.partitions as number) < 1) problems.push('"partitions" must be a positive integer');
  if (!(String(json.naming) in NAMING_STYLES)) problems.push(`"naming" must be one of ${Object.keys(NAMING_STYLES).join(', ')}`);
  if (!isRetentionTier(json.retention)) problems.push(retentionProblem(json.retention));
  for (const key of ['owner', 'doc']) if (typeof json[key] !== 'string' || json[key] === '') problems.push(`"${key}" is missing`);
  return problems;
}

const TIER_CHOICES = Object.entries(RETENTION_TIERS)
  .map(([tier, ms]) => `${tier} (retention.ms ${ms})`)
  .join(', ');

function retentionProblem(value: unknown): string {
  const found = value === undefined ? 'is missing' : `is ${JSON.stringify(value)}, not a tier`;
  return `"retention" ${found}; it must be one of ${TIER_CHOICES}`;
}

/** Returns the event type when the file is sound enough to be compared with the others. */
function lintEvent(source: CatalogSources['events'][number], domain: DomainSpec | undefined, envelope: AvroSchema, report: (path: string, message: string) => void): string | undefined {
  const { json, dir, file } = source;
  if (!domain) {
    report('', `the folder ${dir}/ has no valid domain.json, so this event maps to no topic`);
    return undefined;
  }
  const metadata = (json.eventline ?? {}) as Record<string, unknown>;
  for (const key of METADATA_KEYS) if (typeof metadata[key] !== 'string' || metadata[key] === '') report('eventline', `"${key}" is missing`);
  for (const key of ['topic', 'topics']) {
    if (key in metadata) report('eventline', `an event maps to exactly one topic, its domain's (${domain.topic}); remove "${key}"`);
  }
  const eventType = typeof metadata.event_type === 'string' ? metadata.event_type : undefined;
  if (eventType === undefined) return undefined;

  const fileName = file.split(/[\\/]/).pop();
  if (fileName !== `${eventType}.avsc`) report('', `file must be named ${eventType}.avsc, after its event type`);
  if (!NAMING_STYLES[domain.naming as NamingStyle].test(eventType)) report('eventline.event_type', `"${eventType}" breaks the ${dir} domain's ${domain.naming} convention`);
  if (json.name !== recordNameFor(eventType)) report('name', `record name must be "${recordNameFor(eventType)}" for event type ${eventType}`);
  if (json.namespace !== namespaceFor(dir)) report('namespace', `namespace must be "${namespaceFor(dir)}"`);
  if (json.type !== 'record') report('type', 'an event contract is an Avro record');
  if (typeof json.doc !== 'string' || json.doc === '') report('doc', 'the record has no doc');
  checkRecordFields(json, String(json.name), report);
  checkPiiSubjects(envelope, json, report);
  try {
    Type.forSchema(composeEventSchema(envelope, json) as never);
  } catch (error) {
    report('', `not a valid Avro schema: ${(error as Error).message}`);
  }
  return eventType;
}
