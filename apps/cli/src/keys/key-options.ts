import { InvalidApiKeyError, matchesEventType, validateNewKey, type KeyScope, type NewApiKey } from '@eventline/api-keys';
import type { Catalog } from '@eventline/contracts';
import { CliError } from '../errors';

export interface CreateKeyOptions {
  name?: string;
  tenant: string[];
  types?: string;
  scope?: string[];
}

/** Flags of `keys create` as a key definition, refusing incomplete ones before anything connects. */
export function toNewKey(options: CreateKeyOptions): Required<NewApiKey> {
  if (!options.name?.trim()) throw new CliError('keys create needs --name <name>, to tell the key apart later (e.g. --name billing-sync)');
  if (options.tenant.length === 0) throw new CliError("keys create needs at least one --tenant <id> (repeat it for more; --tenant '*' allows every tenant)");
  const scopes = (options.scope?.length ? options.scope : ['publish']) as KeyScope[];
  const eventTypes = (options.types ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  if (eventTypes.length === 0 && scopes.includes('publish')) throw new CliError("keys create needs --types <pattern>[,<pattern>…], e.g. --types 'TICKET_*,USER_LOGIN_FAILED' or --types '*'");
  try {
    return validateNewKey({ name: options.name, tenantIds: options.tenant, eventTypes, scopes });
  } catch (error) {
    throw error instanceof InvalidApiKeyError ? new CliError(error.message) : error;
  }
}

/** Patterns that match no event type today: most likely a typo, which would make the key useless. */
export function unmatchedPatterns(eventTypes: string[], catalog: Catalog): string[] {
  return eventTypes.filter((pattern) => !catalog.events.some((event) => matchesEventType(pattern, event.eventType)));
}

/** commander collector for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
