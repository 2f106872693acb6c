import type { Type } from 'avsc';
import { compileNormalizer } from './normalize';
import type { FieldProblem } from './validation-error';

/** A contract's checker, built once per event type: normalizes input, then checks it against the Avro type. */
export type Checker = (value: unknown, problems: FieldProblem[]) => Record<string, unknown>;

export function compileChecker(type: Type, schema: unknown): Checker {
  const normalize = compileNormalizer(schema);
  return (value, problems) => {
    const normalized = normalize(value, '', problems);
    // The cheap check first; paths are collected only for an event that fails it.
    if (problems.length > 0 || !type.isValid(normalized)) collectProblems(type, normalized, problems);
    return normalized as Record<string, unknown>;
  };
}

/** Adds a problem per bad field (once per path). */
function collectProblems(type: Type, value: unknown, problems: FieldProblem[]): void {
  type.isValid(value, {
    errorHook: (path, bad, expected) => {
      const at = path.join('.');
      if (!problems.some((p) => p.path === at)) problems.push({ path: at, reason: describe(bad, expected) });
    },
  });
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
  return node.logicalType ? `${node.type} (${node.logicalType})` : (node.name ?? node.type);
}
