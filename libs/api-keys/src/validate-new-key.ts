import { KEY_SCOPES, type KeyScope, type NewApiKey } from './api-key';
import { WILDCARD } from './is-allowed';
import { InvalidApiKeyError } from './invalid-api-key-error';

/**
 * Refuses definitions that would silently match nothing (or more than meant): a '*' anywhere but
 * at the end of an event-type pattern, a tenant pattern such as 'acme-*', blank entries, and a
 * read key for every tenant ('*'): reads are served per tenant, so a read key names its tenants.
 */
export function validateNewKey(input: NewApiKey): Required<NewApiKey> {
  const name = input.name?.trim();
  if (!name) throw new InvalidApiKeyError('a key needs a name');
  const scopes = validScopes(input.scopes ?? ['publish']);
  const tenantIds = cleanList(input.tenantIds, 'tenant');
  if (scopes.includes('read') && tenantIds.includes(WILDCARD)) {
    throw new InvalidApiKeyError("tenant '*': a key with the read scope must name its tenants, one by one");
  }
  const eventTypes = scopes.includes('publish') ? cleanList(input.eventTypes, 'event type') : [];
  for (const tenant of tenantIds) {
    if (tenant !== WILDCARD && tenant.includes(WILDCARD)) {
      throw new InvalidApiKeyError(`tenant "${tenant}": use an exact tenant id, or '*' alone for every tenant`);
    }
  }
  for (const pattern of eventTypes) {
    if (pattern.slice(0, -1).includes(WILDCARD)) {
      throw new InvalidApiKeyError(`event type pattern "${pattern}": '*' may only end a pattern (e.g. 'TICKET_*', 'community.*' or '*')`);
    }
  }
  return { name, tenantIds, eventTypes, scopes };
}

function cleanList(values: string[] | undefined, what: string): string[] {
  const cleaned = [...new Set((values ?? []).map((value) => value.trim()))];
  if (cleaned.length === 0) throw new InvalidApiKeyError(`a key needs at least one ${what}`);
  if (cleaned.some((value) => value === '')) throw new InvalidApiKeyError(`an empty ${what} is not allowed`);
  return cleaned;
}

function validScopes(scopes: string[]): KeyScope[] {
  const unique = [...new Set(scopes.map((scope) => scope.trim()))];
  if (unique.length === 0) throw new InvalidApiKeyError(`a key needs at least one scope (${KEY_SCOPES.join(', ')})`);
  const unknown = unique.filter((scope) => !(KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new InvalidApiKeyError(`scope "${unknown[0]}" is not one of ${KEY_SCOPES.join(', ')}`);
  return KEY_SCOPES.filter((scope) => unique.includes(scope));
}
