import type { FieldProblem } from './validation-error';

type Schema = unknown;
type Node = Record<string, unknown>;

/**
 * Shapes loosely typed input (JSON from HTTP, a CLI flag) to what the Avro type expects, and
 * reports what cannot be shaped: omitted optional fields get their defaults, instants may be
 * ISO-8601 strings or Dates, and fields the contract does not declare are refused by name.
 */
export function normalizeValue(schema: Schema, value: unknown, path: string, problems: FieldProblem[]): unknown {
  if (Array.isArray(schema)) return normalizeUnion(schema, value, path, problems);
  if (schema === null || typeof schema !== 'object') return value;
  const node = schema as Node;
  if (node.type === 'record') return normalizeRecord(node, value, path, problems);
  if (node.type === 'array' && Array.isArray(value)) return value.map((item, i) => normalizeValue(node.items, item, `${path}[${i}]`, problems));
  if (node.logicalType === 'timestamp-millis') return toEpochMillis(value, path, problems);
  return value;
}

function normalizeRecord(record: Node, value: unknown, path: string, problems: FieldProblem[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const input = value as Record<string, unknown>;
  const fields = record.fields as Node[];
  const declared = new Set(fields.map((f) => String(f.name)));
  for (const key of Object.keys(input)) {
    if (!declared.has(key)) problems.push({ path: join(path, key), reason: `is not a field of ${String(record.name)}` });
  }
  const output: Record<string, unknown> = {};
  for (const field of fields) {
    const name = String(field.name);
    const given = input[name];
    output[name] = given === undefined && 'default' in field ? structuredClone(field.default) : normalizeValue(field.type, given, join(path, name), problems);
  }
  return output;
}

function normalizeUnion(branches: unknown[], value: unknown, path: string, problems: FieldProblem[]): unknown {
  if (value === null || value === undefined) return value ?? null;
  const nonNull = branches.filter((b) => b !== 'null');
  return nonNull.length === 1 ? normalizeValue(nonNull[0], value, path, problems) : value;
}

function toEpochMillis(value: unknown, path: string, problems: FieldProblem[]): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return value;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) problems.push({ path, reason: `"${value}" is not an ISO-8601 instant or epoch milliseconds` });
  return Number.isNaN(millis) ? value : millis;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
