import { planRetention } from './plan-retention';
import { formatRetentionChange, ShorterRetentionRefused } from './reconcile-retention';
import { compareRetention, retentionSpan, shortens } from './retention-ms';

const WEEK = '604800000';
const MONTH = '2592000000';
const TWO_YEARS = '63072000000';

describe('retention.ms comparison', () => {
  it('orders numbers by length, and -1 (never delete) after all of them', () => {
    expect(compareRetention(WEEK, MONTH)).toBe(-1);
    expect(compareRetention(TWO_YEARS, MONTH)).toBe(1);
    expect(compareRetention('-1', TWO_YEARS)).toBe(1);
    expect(compareRetention(TWO_YEARS, '-1')).toBe(-1);
    expect(compareRetention('-1', '-1')).toBe(0);
    expect(compareRetention(MONTH, MONTH)).toBe(0);
  });

  it('calls only a move to a shorter retention a shortening', () => {
    expect(shortens('-1', TWO_YEARS)).toBe(true);
    expect(shortens(TWO_YEARS, MONTH)).toBe(true);
    expect(shortens(WEEK, '-1')).toBe(false);
    expect(shortens(WEEK, MONTH)).toBe(false);
    expect(shortens(MONTH, MONTH)).toBe(false);
  });

  it('says what a value keeps', () => {
    expect(['-1', TWO_YEARS, MONTH, WEEK, '86400000', '5400000'].map(retentionSpan)).toEqual(['indefinite', '2 years', '30 days', '7 days', '1 day', '1.5 hours']);
  });
});

describe('planRetention', () => {
  const targets = [
    { topic: 'a.events.v1', tier: 'audit' as const, retentionMs: '-1' },
    { topic: 'b.events.v1', tier: 'system' as const, retentionMs: TWO_YEARS },
    { topic: 'c.events.v1', tier: 'operational' as const, retentionMs: MONTH },
    { topic: 'missing.events.v1', tier: 'operational' as const, retentionMs: MONTH },
  ];

  it('changes only existing topics off their tier, and marks the shortenings', () => {
    const current = new Map([
      ['a.events.v1', WEEK],
      ['b.events.v1', TWO_YEARS],
      ['c.events.v1', '-1'],
    ]);
    expect(planRetention(targets, current)).toEqual([
      { topic: 'a.events.v1', tier: 'audit', from: WEEK, to: '-1', shortens: false },
      { topic: 'c.events.v1', tier: 'operational', from: '-1', to: MONTH, shortens: true },
    ]);
  });

  it('reports a change with both values and what they mean, and a refusal names every topic', () => {
    const change = { topic: 'c.events.v1', tier: 'operational' as const, from: '-1', to: MONTH, shortens: true };
    expect(formatRetentionChange(change)).toBe('c.events.v1: retention.ms -1 → 2592000000 (indefinite → 30 days, tier operational)');
    const refusal = new ShorterRetentionRefused([change, { ...change, topic: 'd.events.v1', from: TWO_YEARS }]);
    expect(refusal.message).toMatch(/^refusing to shorten the retention of 2 topic\(s\).*nothing was changed/);
    expect(refusal.message).toContain('d.events.v1: retention.ms 63072000000 → 2592000000 (2 years → 30 days');
    expect(refusal.message).toMatch(/--allow-shorter-retention/);
  });
});
