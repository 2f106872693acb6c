export const STARTUP_BUDGET_VARIABLE = 'EVENTLINE_STARTUP_BUDGET_S';
const DEFAULT_BUDGET_S = 300;

/** How long an app waits for its dependencies at start before it gives up, in milliseconds. */
export function readStartupBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[STARTUP_BUDGET_VARIABLE];
  if (raw === undefined || raw.trim() === '') return DEFAULT_BUDGET_S * 1_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${STARTUP_BUDGET_VARIABLE} must be a positive number of seconds (default ${DEFAULT_BUDGET_S}), got "${raw}"`);
  }
  return seconds * 1_000;
}
