import { isBruteForce, isFlooding } from './thresholds';
import { DEFAULT_POLICY, parsePolicy } from './policy';

describe('parsePolicy', () => {
  it('overlays a partial file on the defaults and normalises terms', () => {
    const policy = parsePolicy({ blockedTerms: [' Foo ', ''], velocity: { maxMessages: 3 } });
    expect(policy.blockedTerms).toEqual(['foo']);
    expect(policy.velocity).toEqual({ maxMessages: 3, windowSeconds: DEFAULT_POLICY.velocity.windowSeconds });
    expect(policy.bruteForce).toEqual(DEFAULT_POLICY.bruteForce);
  });
  it('rejects thresholds that would silently disable a check', () => {
    expect(() => parsePolicy({ maxLinks: 0 })).toThrow(/maxLinks/);
    expect(() => parsePolicy({ bruteForce: { maxFailures: 2.5 } })).toThrow(/bruteForce.maxFailures/);
  });
});

describe('thresholds', () => {
  const policy = parsePolicy({ velocity: { maxMessages: 3, windowSeconds: 60 }, bruteForce: { maxFailures: 5, windowSeconds: 600 } });
  it('floods only above maxMessages', () => {
    expect(isFlooding(3, policy)).toBe(false);
    expect(isFlooding(4, policy)).toBe(true);
  });
  it('calls brute force from maxFailures on', () => {
    expect(isBruteForce(4, policy)).toBe(false);
    expect(isBruteForce(5, policy)).toBe(true);
  });
});
