/** One subject's data key, unwrapped: `key` encrypts; `ref` and `generation` go beside the ciphertext. */
export interface DataKey {
  ref: string;
  generation: number;
  key: Buffer;
}

/** Which key sealed a value: what a reader needs to find it again. */
export interface DataKeyId {
  ref: string;
  generation: number;
}

/**
 * Where data keys live. PostgreSQL here (PgSubjectKeyStore); a KMS can take its place behind the
 * same three calls.
 */
export interface SubjectKeyStore {
  /** The subject's live key, made on first use (and after an erasure, a new generation). */
  keyFor(tenantId: string, subject: string): Promise<DataKey>;
  /** The key that sealed a value, or 'erased' when its subject was erased since. */
  find(tenantId: string, id: DataKeyId): Promise<Buffer | 'erased'>;
  /** Erases every generation of the subject's keys; the number of keys erased (0: none was live). */
  erase(tenantId: string, subject: string): Promise<number>;
  /** How many live keys an erasure would destroy now (a dry run's answer). */
  countLive(tenantId: string, subject: string): Promise<number>;
  /** The subject's name in the key table and in erasure events: a keyed hash, never the subject. */
  subjectRef(tenantId: string, subject: string): string;
}

/** No key was ever made under this id: not an erasure, a value from elsewhere (or a lost key table). */
export class UnknownDataKeyError extends Error {
  constructor(tenantId: string, id: DataKeyId) {
    super(`no data key ${id.ref}/${id.generation} for tenant ${tenantId}: the key table does not hold it (restored from an older backup, or another database?)`);
    this.name = 'UnknownDataKeyError';
  }
}
