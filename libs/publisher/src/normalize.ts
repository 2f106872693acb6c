import { textProblem, uuidProblem } from './edge-checks';
import type { FieldProblem } from './validation-error';

type Schema = unknown;
type Node = Record<string, unknown>;

/** Shapes one value at `path`, adding what cannot be shaped to `problems`. */
export type Normalizer = (value: unknown, path: string, problems: FieldProblem[]) => unknown;

/**
 * Shapes loosely typed input (JSON from HTTP, a CLI flag) to what the Avro type expects, and
 * reports what cannot be shaped: omitted optional fields get their defaults, instants may be
 * ISO-8601 strings or Dates, and fields the contract does not declare are refused by name. Strings
 * the stores cannot hold (NUL, unpaired surrogates) and uuid fields that are no UUID are refused.
 *
 * Compiled once per schema: the walk of the schema (field names, declared sets, defaults) is done
 * here, not per event, so publishing spends its time on the event, not on its contract.
 */
export function compileNormalizer(schema: Schema): Normalizer {
  if (Array.isArray(schema)) return compileUnion(schema);
  if (schema === 'string') return checkText;
  if (schema === null || typeof schema !== 'object') return identity;
  const node = schema as Node;
  if (node.type === 'string') return node.logicalType === 'uuid' ? checkUuid : checkText;
  if (node.type === 'record') return compileRecord(node);
  if (node.type === 'array') return compileArray(node);
  if (node.logicalType === 'timestamp-millis') return toEpochMillis;
  return identity;
}

interface CompiledField {
  name: string;
  normalize: Normalizer;
  /** Present when the field has a default; a fresh copy per event when the default is an object. */
  fallback?: () => unknown;
  pathIn: (parent: string) => string;
}

/**
 * The field's path under `parent`, kept from the last call: a record is nearly always normalized
 * under the same parent path, and joining paths afresh for every field of every event showed in the
 * publish profile.
 */
function pathOf(name: string): (parent: string) => string {
  let lastParent = '';
  let lastPath = name;
  return (parent) => {
    if (parent !== lastParent) {
      lastParent = parent;
      lastPath = join(parent, name);
    }
    return lastPath;
  };
}

function compileRecord(record: Node): Normalizer {
  const recordName = String(record.name);
  const fields: CompiledField[] = (record.fields as Node[]).map((field) => ({
    name: String(field.name),
    normalize: compileNormalizer(field.type),
    pathIn: pathOf(String(field.name)),
    ...('default' in field ? { fallback: defaultOf(field.default) } : {}),
  }));
  const declared = new Set(fields.map((field) => field.name));
  return (value, path, problems) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const input = value as Record<string, unknown>;
    for (const key in input) {
      if (!declared.has(key)) problems.push({ path: join(path, key), reason: `is not a field of ${recordName}` });
    }
    const output: Record<string, unknown> = {};
    for (const field of fields) {
      const given = input[field.name];
      output[field.name] = given === undefined && field.fallback ? field.fallback() : field.normalize(given, field.pathIn(path), problems);
    }
    return output;
  };
}

function compileArray(node: Node): Normalizer {
  const item = compileNormalizer(node.items);
  return (value, path, problems) => (Array.isArray(value) ? value.map((entry, i) => item(entry, `${path}[${i}]`, problems)) : value);
}

function compileUnion(branches: unknown[]): Normalizer {
  const nonNull = branches.filter((b) => b !== 'null');
  const only = nonNull.length === 1 ? compileNormalizer(nonNull[0]) : identity;
  return (value, path, problems) => (value === null || value === undefined ? null : only(value, path, problems));
}

/** Primitive defaults are shared; an object or array default is copied, so no event can change another's. */
function defaultOf(value: unknown): () => unknown {
  if (value === null || typeof value !== 'object') return () => value;
  return () => structuredClone(value);
}

const identity: Normalizer = (value) => value;

const refusing =
  (problem: (value: string) => string | undefined): Normalizer =>
  (value, path, problems) => {
    const reason = typeof value === 'string' ? problem(value) : undefined;
    if (reason) problems.push({ path, reason });
    return value;
  };

const checkText = refusing(textProblem);
const checkUuid = refusing((value) => textProblem(value) ?? uuidProblem(value));

const toEpochMillis: Normalizer = (value, path, problems) => {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return value;
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) problems.push({ path, reason: `"${value}" is not an ISO-8601 instant or epoch milliseconds` });
  return Number.isNaN(millis) ? value : millis;
};

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
