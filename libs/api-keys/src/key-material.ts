import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'evl_';
const DISPLAY_PREFIX_LENGTH = 12;

export interface KeyMaterial {
  plaintext: string;
  hash: string;
  displayPrefix: string;
}

/** A fresh key: 32 random bytes, base64url, with a recognisable prefix so leaked keys are easy to spot. */
export function generateKeyMaterial(): KeyMaterial {
  const plaintext = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { plaintext, hash: hashKey(plaintext), displayPrefix: plaintext.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/** A key of 256 random bits needs no slow hash: SHA-256 keeps lookups a single indexed query. */
export function hashKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}
