export { MasterKey } from './master-key';
export { seal, open, SealError } from './sealed';
export { PgSubjectKeyStore } from './pg-subject-key-store';
export { UnknownDataKeyError } from './subject-key-store';
export type { DataKey, DataKeyId, SubjectKeyStore } from './subject-key-store';
