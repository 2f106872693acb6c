import { readStartupBudgetMs } from './startup-budget';

describe('readStartupBudgetMs', () => {
  it('allows 300 seconds when EVENTLINE_STARTUP_BUDGET_S is unset or empty', () => {
    expect(readStartupBudgetMs({})).toBe(300_000);
    expect(readStartupBudgetMs({ EVENTLINE_STARTUP_BUDGET_S: ' ' })).toBe(300_000);
  });

  it('reads whole and fractional seconds', () => {
    expect(readStartupBudgetMs({ EVENTLINE_STARTUP_BUDGET_S: '12' })).toBe(12_000);
    expect(readStartupBudgetMs({ EVENTLINE_STARTUP_BUDGET_S: '0.5' })).toBe(500);
  });

  it.each(['abc', '0', '-5', 'Infinity', '10s'])('rejects %p naming the variable and the value', (value) => {
    expect(() => readStartupBudgetMs({ EVENTLINE_STARTUP_BUDGET_S: value })).toThrow(`EVENTLINE_STARTUP_BUDGET_S must be a positive number of seconds (default 300), got "${value}"`);
  });
});
