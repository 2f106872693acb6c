import type { Type } from 'avsc';
import { normalizeValue } from './normalize';
import type { FieldProblem } from './validation-error';

/** Normalizes `value` against the contract, adding a problem per bad field (once per path). */
export function checkAgainst(type: Type, schema: unknown, value: unknown, problems: FieldProblem[]): Record<string, unknown> {
  const normalized = normalizeValue(schema, value, '', problems);
  type.isValid(normalized, {
    errorHook: (path, bad, expected) => {
      const at = path.join('.');
      if (!problems.some((p) => p.path === at)) problems.push({ path: at, reason: describe(bad, expected) });
    },
  });
  return normalized as Record<string, unknown>;
}

function describe(value: unknown, expected: Type): string {
  if (value === undefined || value === null) return `is required (${expectedName(expected)})`;
  const got = Array.isArray(value) ? 'array' : typeof value;
  return `expected ${expectedName(expected)}, got ${got} ${JSON.stringify(value)?.slice(0, 60)}`;
}

function expectedName(type: Type): string {
  const json = type.schema() as unknown;
  if (typeof json === 'string') return json;
  if (Array.isArray(json)) return json.map((b) => (typeof b === 'string' ? b : (b as { type: string }).type)).join(' | ');
  const node = json as { type: string; logicalType?: string; name?: string };
  return node.logicalType ? `${node.type} (${node.logicalType})` : node.name ?? node.type;
}
