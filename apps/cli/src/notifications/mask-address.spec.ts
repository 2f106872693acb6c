import { maskAddress } from './mask-address';

describe('maskAddress', () => {
  it('keeps the first letter and the domain of an email address', () => {
    expect(maskAddress('jane.doe@example.test')).toBe('j***@example.test');
  });

  it('leaves anything else as it is', () => {
    expect(maskAddress('https://hooks.example.test/x')).toBe('https://hooks.example.test/x');
    expect(maskAddress('')).toBe('');
  });
});
