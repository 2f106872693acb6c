import type { NewApiKey } from './api-key';
import { WILDCARD } from './is-allowed';
import { InvalidApiKeyError } from './invalid-api-key-error';

/**
 * Refuses definitions that would silently match nothing (or more than meant): a '*' anywhere but
 * at the end of an event-type pattern, a tenant pattern such as 'acme-*', blank entries.
 */
export function validateNewKey(input: NewApiKey): NewApiKey {
  const name = input.name?.trim();
  if (!name) throw new InvalidApiKeyError('a key needs a name');
  const tenantIds = cleanList(input.tenantIds, 'tenant');
  const eventTypes = cleanList(input.eventTypes, 'event type');
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
  return { name, tenantIds, eventTypes };
}

function cleanList(values: string[] | undefined, what: string): string[] {
  const cleaned = [...new Set((values ?? []).map((value) => value.trim()))];
  if (cleaned.length === 0) throw new InvalidApiKeyError(`a key needs at least one ${what}`);
  if (cleaned.some((value) => value === '')) throw new InvalidApiKeyError(`an empty ${what} is not allowed`);
  return cleaned;
}
