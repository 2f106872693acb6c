import { RetentionInputError } from './retention-input-error';

/** A policy's tenant_id for every tenant (the api_keys convention). */
export const EVERY_TENANT = '*';

const MAX_TENANT_ID_LENGTH = 200;

/**
 * One tenant, exactly as its events carry it. Refused: blanks, surrounding spaces and control
 * characters (a typo that would hold, or spare, nobody), and '*', which is not a tenant.
 */
export function checkTenantId(tenantId: string, field = 'tenant'): string {
  if (tenantId.trim() === '') throw new RetentionInputError(field, tenantId, 'must name a tenant; it is blank');
  if (tenantId !== tenantId.trim()) throw new RetentionInputError(field, tenantId, 'has leading or trailing spaces; tenant ids have none');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(tenantId)) throw new RetentionInputError(field, tenantId, 'contains a control character');
  if (tenantId.includes(EVERY_TENANT)) throw new RetentionInputError(field, tenantId, "must be one exact tenant id; '*' is not a tenant");
  if (tenantId.length > MAX_TENANT_ID_LENGTH) throw new RetentionInputError(field, tenantId.slice(0, 40) + '…', `is longer than ${MAX_TENANT_ID_LENGTH} characters`);
  return tenantId;
}

/** A policy's scope: '*' or one tenant. */
export function checkPolicyScope(tenantId: string): string {
  return tenantId === EVERY_TENANT ? tenantId : checkTenantId(tenantId);
}
