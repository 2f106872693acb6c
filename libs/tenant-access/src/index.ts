export { asTenant } from './as-tenant';
export { bindTenantRole, tenantRoleName } from './tenant-role';
export { TenantNotBoundError } from './tenant-not-bound-error';
export { rlsStates, type RlsState } from './rls-states';
