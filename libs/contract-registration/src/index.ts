export { registerCatalog, EVENT_COMPATIBILITY } from './register-catalog';
export type { RegistrationReport, SubjectOutcome, RegistrationOptions } from './register-catalog';
export { checkCompatibility } from './check-compatibility';
export type { CompatibilityResult } from './check-compatibility';
export { breakingChanges } from './schema-diff';
export { registeredVersions } from './registered-versions';
export { runHistoryGate } from './history-gate';
export type { HistoryGateOptions, HistoryGateReport, HistoryGateResult, NoHistoryReason, RefusedVersion } from './history-gate';
