/** PromQL words that are not metric names: operators and modifiers, which the expression grammar reserves. */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/**
 * The metric names an expression reads: what is left once strings, label matchers, ranges and
 * grouping clauses are taken out, less function calls (a name before `(`) and keywords.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w$.:])([a-zA-Z_:][\w:]*)(?![\w:]*\s*\()/g)].map((m) => m[1]);
  return [...new Set(names.filter((name) => !KEYWORDS.has(name.toLowerCase())))];
}

/** The labels an expression groups or matches by: `by (…)`, `without (…)`, `on (…)`, `ignoring (…)`. */
export function groupingLabels(expr: string): string[] {
  const lists = [...expr.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)].map((m) => m[1]);
  return [
    ...new Set(
      lists.flatMap((list) =>
        list
          .split(',')
          .map((label) => label.trim())
          .filter(Boolean),
      ),
    ),
  ];
}
