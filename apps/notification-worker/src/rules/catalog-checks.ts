import Handlebars from 'handlebars';
import { findEvent, type AvroSchema, type Catalog } from '@eventline/contracts';
import type { NotificationRule, Template } from './rule';

/** A problem with one field of a rule, found against the catalog. */
export interface CatalogProblem {
  field: string;
  reason: string;
}

/** The rule's event type, recipient paths and template against the catalog's contracts. */
export function checkRuleAgainstCatalog(rule: NotificationRule, template: Template | undefined, catalog: Catalog): CatalogProblem[] {
  const contract = findEvent(catalog, rule.eventType);
  if (!contract) return [{ field: 'eventType', reason: `"${rule.eventType}" is not an event type of the catalog` }];
  const problems: CatalogProblem[] = [];
  rule.recipients.forEach((source, i) => {
    if ('path' in source) {
      const reason = idFieldProblem(typeAtPath(contract.payloadSchema, source.path), `${rule.eventType}'s payload`);
      if (reason) problems.push({ field: `recipients[${i}].path`, reason: `"${source.path}" ${reason}` });
    }
    if ('envelope' in source && typeAtPath(catalog.envelope, source.envelope) !== 'string') {
      problems.push({ field: `recipients[${i}].envelope`, reason: `"${source.envelope}" is not a string field of the envelope` });
    }
  });
  if (template) {
    for (const part of ['subject', 'body'] as const) {
      const missing = payloadFieldsRead(template[part]).filter((field) => typeAtPath(contract.payloadSchema, field) === undefined);
      if (missing.length)
        problems.push({ field: `templateId`, reason: `template "${rule.templateId}" ${part} reads ${missing.map((f) => `payload.${f}`).join(', ')}, not in ${rule.eventType}'s payload` });
    }
  }
  return problems;
}

/** Why a template does not compile, or undefined when it does. */
export function templateSyntaxProblem(source: string): string | undefined {
  try {
    Handlebars.parse(source);
    return undefined;
  } catch (error) {
    return `does not compile: ${(error as Error).message.split('\n')[0]}`;
  }
}

function idFieldProblem(type: unknown, where: string): string | undefined {
  if (type === undefined) return `is not a field of ${where}`;
  const isIdList = (type as { type?: string })?.type === 'array' && unwrap((type as { items: unknown }).items) === 'string';
  return type === 'string' || isIdList ? undefined : `holds ${JSON.stringify(type)}, not an id (a string or an array of strings)`;
}

const payloadFieldsRead = (source: string) => [...new Set([...source.matchAll(/payload\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];

/** The Avro type at `path` (`a.b`, `list[].field`) of a record, or undefined when there is none. */
export function typeAtPath(record: AvroSchema, path: string): unknown {
  let type: unknown = record;
  for (const segment of path.split('.')) {
    const isList = segment.endsWith('[]');
    const name = isList ? segment.slice(0, -2) : segment;
    const fields = (unwrap(type) as { fields?: Array<{ name: string; type: unknown }> }).fields;
    const field = fields?.find((f) => f.name === name);
    if (!field) return undefined;
    type = unwrap(field.type);
    if (isList) {
      if ((type as { type?: string }).type !== 'array') return undefined;
      type = unwrap((type as { items: unknown }).items);
    }
  }
  return type;
}

/** A nullable field's type without its null branch. */
const unwrap = (type: unknown): unknown => (Array.isArray(type) ? type.find((t) => t !== 'null') : type);
