import Ajv, { type ErrorObject } from 'ajv';
import { CHANNELS, ENVELOPE_RECIPIENT_FIELDS } from './rule';

/** What one rules file holds; the catalog checks (event types, payload paths) come after, in catalog-checks.ts. */
const RULE_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['eventType', 'recipients', 'channels', 'templateId'],
        properties: {
          eventType: { type: 'string', minLength: 1 },
          recipients: { type: 'array', minItems: 1, items: { $ref: '#/$defs/recipient' } },
          channels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...CHANNELS] } },
          templateId: { type: 'string', minLength: 1 },
        },
      },
    },
    templates: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['subject', 'body'],
        properties: { subject: { type: 'string', minLength: 1 }, body: { type: 'string', minLength: 1 } },
      },
    },
  },
  $defs: {
    recipient: {
      type: 'object',
      additionalProperties: false,
      properties: {
        path: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\[\\])?(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\])?)*$' },
        isEmail: { type: 'boolean' },
        envelope: { enum: [...ENVELOPE_RECIPIENT_FIELDS] },
        role: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
      },
      oneOf: [{ required: ['path'] }, { required: ['envelope'] }, { required: ['role'] }],
      dependencies: { isEmail: ['path'] },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(RULE_FILE_SCHEMA);

/** Where a problem is: the rule (by index) it is in, if any, and the field inside it. */
export interface SchemaProblem {
  ruleIndex?: number;
  field: string;
  reason: string;
}

/** The file's problems against the schema, one per field; none when it is valid. */
export function checkRuleFile(content: unknown): SchemaProblem[] {
  if (validate(content)) return [];
  const errors = (validate.errors ?? []).filter((error) => !/\/oneOf\/\d+\//.test(error.schemaPath));
  const seen = new Set<string>();
  return errors.map(toProblem).filter((p) => {
    const key = `${p.ruleIndex}|${p.field}|${p.reason}`;
    return !seen.has(key) && seen.add(key);
  });
}

function toProblem(error: ErrorObject): SchemaProblem {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') segments.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(params.additionalProperty));
  if (error.keyword === 'propertyNames') segments.push(String(params.propertyName));
  const ruleIndex = segments[0] === 'rules' && /^\d+$/.test(segments[1] ?? '') ? Number(segments[1]) : undefined;
  const fieldSegments = ruleIndex === undefined ? segments : segments.slice(2);
  return { ruleIndex, field: fieldName(fieldSegments) || '(the file)', reason: reasonOf(error) };
}

/** `recipients/0/path` as `recipients[0].path`. */
function fieldName(segments: string[]): string {
  return segments.reduce((name, s) => (/^\d+$/.test(s) ? `${name}[${s}]` : name ? `${name}.${s}` : s), '');
}

function reasonOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is missing';
    case 'additionalProperties':
      return 'is not a known field';
    case 'propertyNames':
      return 'is not a template id (lower-case letters, digits and dashes)';
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'oneOf':
      return 'needs exactly one of path, envelope or role';
    case 'dependencies':
      return 'isEmail goes with a path';
    default:
      return error.message ?? error.keyword;
  }
}
