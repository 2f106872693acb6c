export { purgeSubjectCopies, REDACTED } from './purge-subject-copies';
export type { ErasedSubject, PurgedCopies } from './purge-subject-copies';
