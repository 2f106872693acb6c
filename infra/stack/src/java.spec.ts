import { javaMajor } from './java';

describe('javaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
  ])('reads %s as %i', (output, major) => {
    expect(javaMajor(output)).toBe(major);
  });

  it('returns undefined for output it does not recognise', () => {
    expect(javaMajor('command not found')).toBeUndefined();
  });
});
