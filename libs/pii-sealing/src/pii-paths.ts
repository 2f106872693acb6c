import { DEFAULT_PII_SUBJECT } from '@eventline/contracts';

type Node = Record<string, unknown>;

/** One value of a field marked pii in an event's payload: where it sits, whose it is, what stands in for it. */
export interface PiiValue {
  /** Within the payload: `email`, `attendees[0].email`. */
  path: string;
  value: unknown;
  /** The contract's `pii_subject`, or the default. */
  subject: string;
  placeholder: unknown;
}

const withPii = new WeakMap<object, boolean>();

/** Whether the schema marks any field pii, at any depth; kept per schema, since most contracts have none and publishing asks per event. */
export function hasPiiFields(schema: object): boolean {
  let known = withPii.get(schema);
  if (known === undefined) withPii.set(schema, (known = JSON.stringify(schema).includes('"pii":true')));
  return known;
}

/** Every non-empty value of a pii field, at any depth (records, arrays of records, optional records). */
export function collectPii(schema: unknown, value: unknown, path = '', found: PiiValue[] = []): PiiValue[] {
  if (value === null || value === undefined) return found;
  if (path === '' && schema !== null && typeof schema === 'object' && !hasPiiFields(schema)) return found;
  if (Array.isArray(schema)) {
    const branches = schema.filter((branch) => branch !== 'null');
    return branches.length === 1 ? collectPii(branches[0], value, path, found) : found;
  }
  if (schema === null || typeof schema !== 'object') return found;
  const node = schema as Node;
  if (node.type === 'array' && Array.isArray(value)) value.forEach((item, i) => collectPii(node.items, item, `${path}[${i}]`, found));
  if (node.type !== 'record' || typeof value !== 'object' || Array.isArray(value)) return found;
  const record = value as Record<string, unknown>;
  for (const field of node.fields as Node[]) {
    const name = String(field.name);
    const fieldPath = path ? `${path}.${name}` : name;
    const given = record[name];
    if (field.pii !== true) collectPii(field.type, given, fieldPath, found);
    else if (!isEmpty(given)) found.push({ path: fieldPath, value: given, subject: String(field.pii_subject ?? DEFAULT_PII_SUBJECT), placeholder: placeholderFor(field.type) });
  }
  return found;
}

/** Nothing to protect: the placeholder says as much. */
const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** The emptiest value the field's Avro type accepts, so the event stays valid under its contract. */
export function placeholderFor(type: unknown): unknown {
  if (Array.isArray(type)) return type.includes('null') ? null : placeholderFor(type[0]);
  const name = typeof type === 'string' ? type : (type as Node).type;
  switch (name) {
    case 'string':
      return '';
    case 'array':
      return [];
    case 'map':
      return {};
    case 'boolean':
      return false;
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 0;
    default:
      throw new Error(`a pii field of type ${JSON.stringify(type)} has no placeholder; make it a string, an array or optional`);
  }
}

/** Sets `value` at a path made by collectPii. */
export function setAt(payload: Record<string, unknown>, path: string, value: unknown): void {
  const steps = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] === undefined ? match[1] : Number(match[2])));
  let target: Record<string | number, unknown> = payload;
  for (const step of steps.slice(0, -1)) {
    const next = target[step];
    if (next === null || typeof next !== 'object') return; // the shape changed (a newer reader dropped it): nothing to restore into
    target = next as Record<string | number, unknown>;
  }
  target[steps[steps.length - 1]] = value;
}
