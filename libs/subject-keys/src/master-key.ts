import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { open, seal } from './sealed';

const KEY_BYTES = 32;

/**
 * The key that wraps every data key. It lives in a file outside the database
 * (EVENTLINE_MASTER_KEY_FILE), so a copy of the database alone opens nothing. It never prints:
 * logs and errors show only its id.
 */
export class MasterKey {
  /** sha256 of the key, 16 hex digits: which master key wrapped a data key, for rotation. */
  readonly id: string;
  readonly #key: Buffer;
  readonly #refKey: Buffer;

  private constructor(key: Buffer) {
    this.#key = key;
    this.id = createHash('sha256').update(key).digest('hex').slice(0, 16);
    // A key of its own for subject references, derived, so one file holds one secret.
    this.#refKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'eventline subject reference', KEY_BYTES));
  }

  /** 64 hex digits, or 32 raw bytes. */
  static fromFile(file: string | undefined): MasterKey {
    if (!file) throw new Error('EVENTLINE_MASTER_KEY_FILE is not set: crypto-shredding needs the master key (npm run stack:up makes one for development)');
    let raw: Buffer;
    try {
      raw = readFileSync(file);
    } catch (error) {
      throw new Error(`EVENTLINE_MASTER_KEY_FILE ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    const text = raw.toString('utf8').trim();
    const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : raw;
    if (key.length !== KEY_BYTES) throw new Error(`EVENTLINE_MASTER_KEY_FILE ${file} holds ${key.length} bytes; the master key is 32 bytes (64 hex digits)`);
    return new MasterKey(key);
  }

  static fromBytes(key: Buffer): MasterKey {
    if (key.length !== KEY_BYTES) throw new Error(`a master key is ${KEY_BYTES} bytes, not ${key.length}`);
    return new MasterKey(Buffer.from(key));
  }

  wrap(dataKey: Buffer, associatedData: string): Buffer {
    return seal(this.#key, dataKey, associatedData);
  }

  unwrap(wrapped: Buffer, associatedData: string): Buffer {
    return open(this.#key, wrapped, associatedData);
  }

  /** The subject as the key table names it: a keyed hash, so the table holds no e-mail address or name. */
  subjectRef(tenantId: string, subject: string): string {
    return createHmac('sha256', this.#refKey).update(tenantId).update('\0').update(subject).digest('hex').slice(0, 32);
  }

  toJSON(): string {
    return `MasterKey(${this.id})`;
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}
