export { MasterKey } from './master-key';
export { seal, open, SealError } from './sealed';
export { PgSubjectKeyStore, DEFAULT_KEY_CACHE_MS } from './pg-subject-key-store';
export { UnknownDataKeyError } from './subject-key-store';
export type { DataKey, DataKeyId, SubjectKeyStore } from './subject-key-store';
