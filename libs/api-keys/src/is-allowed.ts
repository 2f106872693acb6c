import type { ApiKey, KeyScope } from './api-key';

export const WILDCARD = '*';

export type ApiKeyScope = Pick<ApiKey, 'tenantIds' | 'eventTypes'>;

/** Whether `key` may publish `eventType` for `tenantId`. */
export function isAllowed(key: ApiKeyScope, tenantId: string, eventType: string): boolean {
  return allowsTenant(key, tenantId) && allowsEventType(key, eventType);
}

export function allowsTenant(key: ApiKeyScope, tenantId: string): boolean {
  return key.tenantIds.some((allowed) => allowed === WILDCARD || allowed === tenantId);
}

export function allowsEventType(key: ApiKeyScope, eventType: string): boolean {
  return key.eventTypes.some((pattern) => matchesEventType(pattern, eventType));
}

/** An exact name, or a prefix ending in '*': 'TICKET_*' matches TICKET_ASSIGNED, '*' matches everything. */
export function matchesEventType(pattern: string, eventType: string): boolean {
  return pattern.endsWith(WILDCARD) ? eventType.startsWith(pattern.slice(0, -1)) : pattern === eventType;
}

export function hasScope(key: Pick<ApiKey, 'scopes'>, scope: KeyScope): boolean {
  return key.scopes.includes(scope);
}

/** Whether `key` may read `tenantId`'s data: the read scope and the tenant named exactly ('*' never counts for reads). */
export function mayRead(key: Pick<ApiKey, 'scopes' | 'tenantIds'>, tenantId: string): boolean {
  return hasScope(key, 'read') && key.tenantIds.includes(tenantId);
}
