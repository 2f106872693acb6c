import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** An e-mail address in an id field is personal data whether or not a contract marks it. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Stands in for personal data in the audit log's id columns (entity_id, actor_id): a keyed hash
 * (HMAC-SHA256), so one person's rows still join with each other but the value cannot be read
 * back or guessed from a list of addresses without the key. Without a key it redacts instead.
 */
export class Pseudonyms {
  private constructor(private readonly key: Buffer | undefined) {}

  /** The key from a file (hex or raw bytes, at least 32); none gives redaction. */
  static fromFile(file: string | undefined): Pseudonyms {
    if (!file) return new Pseudonyms(undefined);
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new Error(`EVENTLINE_PSEUDONYM_KEY_FILE ${file} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    const key = /^[0-9a-f]+$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text);
    if (key.length < 32) throw new Error(`EVENTLINE_PSEUDONYM_KEY_FILE ${file} holds ${key.length} bytes; a pseudonym key needs at least 32`);
    return new Pseudonyms(key);
  }

  get keyed(): boolean {
    return this.key !== undefined;
  }

  /** `value`, or its pseudonym when it is one of `personal` or an e-mail address. */
  of(value: string, personal: Set<string>): string {
    if (!personal.has(value) && !EMAIL.test(value)) return value;
    if (!this.key) return 'pii:redacted';
    return `pii:${createHmac('sha256', this.key).update(value).digest('hex').slice(0, 32)}`;
  }
}
