import { randomBytes } from 'node:crypto';
import { open, seal, SealError } from './sealed';

describe('seal / open (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const plaintext = Buffer.from('ana@example.com');

  it('opens what it sealed, and seals the same text differently each time', () => {
    const sealed = seal(key, plaintext, 'tenant-a:subject-1');
    expect(open(key, sealed, 'tenant-a:subject-1').equals(plaintext)).toBe(true);
    expect(seal(key, plaintext, 'tenant-a:subject-1').equals(sealed)).toBe(false);
    expect(sealed.includes(plaintext)).toBe(false);
  });

  it('refuses a changed byte, another key, and another subject’s associated data', () => {
    const sealed = seal(key, plaintext, 'tenant-a:subject-1');
    const changed = Buffer.from(sealed);
    changed[changed.length - 1] ^= 1;
    expect(() => open(key, changed, 'tenant-a:subject-1')).toThrow(SealError);
    expect(() => open(randomBytes(32), sealed, 'tenant-a:subject-1')).toThrow(SealError);
    expect(() => open(key, sealed, 'tenant-b:subject-1')).toThrow(/does not authenticate/);
  });

  it('refuses what is not a sealed value, saying why', () => {
    expect(() => open(key, Buffer.from('plain'), 'x')).toThrow(/not a sealed value of version 1 \(5 bytes\)/);
  });
});
