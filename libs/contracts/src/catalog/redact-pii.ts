type Node = Record<string, unknown>;

/**
 * The value with every field marked `"pii": true` removed, at any depth: what may be stored
 * where personal data and user-written content must not go (the audit log, usage records).
 */
export function redactPii(schema: unknown, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(schema)) {
    const branches = schema.filter((branch) => branch !== 'null');
    return branches.length === 1 ? redactPii(branches[0], value) : value;
  }
  if (schema === null || typeof schema !== 'object') return value;
  const node = schema as Node;
  if (node.type === 'array' && Array.isArray(value)) return value.map((item) => redactPii(node.items, item));
  if (node.type !== 'record' || typeof value !== 'object') return value;
  const input = value as Record<string, unknown>;
  const output: Record<string, unknown> = {};
  for (const field of node.fields as Node[]) {
    const name = String(field.name);
    if (field.pii === true || !(name in input)) continue;
    output[name] = redactPii(field.type, input[name]);
  }
  return output;
}
