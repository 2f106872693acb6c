type Schema = unknown;
type Node = Record<string, unknown>;

/**
 * Why `next` cannot replace `previous` under FULL compatibility (old readers read new data and
 * new readers read old data), field by field. An empty list means no breaking change was found.
 */
export function breakingChanges(previous: Schema, next: Schema, path = ''): string[] {
  const before = asRecord(previous);
  const after = asRecord(next);
  if (!before || !after) {
    const [a, b] = [typeSignature(previous), typeSignature(next)];
    return a === b ? [] : [`${path || 'the record'}: type changed from ${a} to ${b}`];
  }
  const oldFields = fieldMap(before);
  const newFields = fieldMap(after);
  const changes: string[] = [];
  for (const [name, field] of newFields) {
    if (!oldFields.has(name) && !('default' in field)) {
      changes.push(`${join(path, name)}: added without a default, so events already written cannot be read`);
    }
  }
  for (const [name, field] of oldFields) {
    const replacement = newFields.get(name);
    if (!replacement) {
      if (!('default' in field)) changes.push(`${join(path, name)}: removed although it has no default, so existing readers cannot read new events`);
      continue;
    }
    changes.push(...breakingChanges(field.type, replacement.type, join(path, name)));
  }
  return changes;
}

/** Said when the registry refuses a schema and no field difference explains why. */
export const NO_FIELD_EXPLAINS = 'the registry refuses this schema, but no single field explains it; compare it with the registered versions';

/**
 * Why `next` may not follow the labelled earlier versions (FULL_TRANSITIVE: every one counts), one
 * line per problem naming the versions it breaks against.
 */
export function fieldProblems(earlier: Array<{ label: string; schema: Schema }>, next: Schema): string[] {
  const against = new Map<string, string[]>();
  for (const { label, schema } of earlier) {
    for (const problem of breakingChanges(schema, next)) against.set(problem, [...(against.get(problem) ?? []), label]);
  }
  return [...against].map(([problem, labels]) => `field ${problem} (against ${labels.join(', ')})`);
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

function asRecord(schema: Schema): Node | undefined {
  return schema !== null && typeof schema === 'object' && !Array.isArray(schema) && (schema as Node).type === 'record' ? (schema as Node) : undefined;
}

function fieldMap(record: Node): Map<string, Node> {
  return new Map(((record.fields as Node[]) ?? []).map((field) => [String(field.name), field]));
}

/** The type with docs and custom attributes dropped, so only what affects the encoding is compared. */
function typeSignature(schema: Schema): string {
  if (Array.isArray(schema)) return `[${schema.map(typeSignature).join(', ')}]`;
  if (schema === null || typeof schema !== 'object') return String(schema);
  const node = schema as Node;
  switch (node.type) {
    case 'record':
      return `record ${String(node.name)}`;
    case 'array':
      return `array<${typeSignature(node.items)}>`;
    case 'map':
      return `map<${typeSignature(node.values)}>`;
    case 'enum':
      return `enum(${(node.symbols as string[]).join('|')})`;
    default:
      return node.logicalType ? `${String(node.type)}:${String(node.logicalType)}` : String(node.type);
  }
}
