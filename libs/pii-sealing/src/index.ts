export { Erased, isErased, Sealed } from './erased';
export { PiiSealer, type SubjectProblem } from './pii-sealer';
export { PiiOpener } from './pii-opener';
export type { SealedPii } from './sealed-pii';
