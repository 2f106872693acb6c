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

/**
 * The strings held by fields marked `"pii": true`, at any depth: what must not reappear elsewhere
 * in clear, e.g. as the envelope's entity_id (EMAIL_UNSUBSCRIBED keys its entity by the address).
 */
export function piiStrings(schema: unknown, value: unknown, found: Set<string> = new Set()): Set<string> {
  if (value === null || value === undefined) return found;
  if (Array.isArray(schema)) {
    const branches = schema.filter((branch) => branch !== 'null');
    return branches.length === 1 ? piiStrings(branches[0], value, found) : found;
  }
  if (schema === null || typeof schema !== 'object') return found;
  const node = schema as Node;
  if (node.type === 'array' && Array.isArray(value)) value.forEach((item) => piiStrings(node.items, item, found));
  if (node.type !== 'record' || typeof value !== 'object') return found;
  const input = value as Record<string, unknown>;
  for (const field of node.fields as Node[]) {
    const given = input[String(field.name)];
    if (field.pii === true) collectStrings(given, found);
    else piiStrings(field.type, given, found);
  }
  return found;
}

function collectStrings(value: unknown, found: Set<string>): void {
  if (typeof value === 'string' && value !== '') found.add(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, found));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => collectStrings(item, found));
}
