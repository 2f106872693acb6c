export { RetentionInputError } from './retention-input-error';
export { checkTenantId, EVERY_TENANT } from './tenant-id';
export { checkTarget, type RetentionTarget } from './retention-target';
export { listPolicies, selectPolicies, setPolicy, type PolicyInput, type RetentionPolicy } from './policies';
export { listHolds, placeHold, releaseHold, type HoldChange, type LegalHold, type RecordHoldChange } from './legal-holds';
export { enforcePolicy, SAMPLE_SIZE, type EnforceOptions, type Evidence, type ProgressSink } from './enforce-policy';
export { runRetention, type RecordEnforcement, type RunOptions } from './run-retention';
export { holdPlacedEvent, holdReleasedEvent, policyEnforcedEvent } from './governance-events';
