import { findEvent, type Catalog } from '@eventline/contracts';
import type { Actor, UntypedEventInput } from '@eventline/publisher';
import { CliError } from '../errors';

export interface PublishOptions {
  type: string;
  tenant: string;
  payload: string;
  entityId?: string;
  actor?: string;
}

const ACTOR_TYPES: ReadonlyArray<Actor['type']> = ['user', 'contact', 'service_account', 'system', 'ai_model'];

/** The flags of `eventline publish` as Publisher input; the contract itself is checked by the publisher. */
export function toPublishInput(options: PublishOptions, catalog: Catalog): UntypedEventInput {
  const payload = parsePayload(options.payload);
  return {
    event_type: options.type,
    tenant_id: options.tenant,
    entity_id: options.entityId ?? entityIdFrom(payload, options.type, catalog),
    actor: options.actor === undefined ? undefined : parseActor(options.actor),
    payload,
  };
}

function parsePayload(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--payload is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError('--payload must be a JSON object, e.g. \'{"ticketId":"T-1"}\'');
  return value as Record<string, unknown>;
}

function parseActor(text: string): Actor {
  const separator = text.indexOf(':');
  const type = text.slice(0, separator) as Actor['type'];
  const id = text.slice(separator + 1);
  if (separator < 1 || id === '' || !ACTOR_TYPES.includes(type)) {
    throw new CliError(`--actor must be <type>:<id> with type one of ${ACTOR_TYPES.join(', ')} (got "${text}")`);
  }
  return { type, id };
}

/**
 * Most payloads repeat their entity's id (ticketId for a ticket, post_variant_id for a
 * post_variant), so --entity-id is only needed when none does. An unknown event type is left
 * to the publisher, which names it.
 */
function entityIdFrom(payload: Record<string, unknown>, eventType: string, catalog: Catalog): string {
  const contract = findEvent(catalog, eventType);
  if (!contract) return '';
  const names = idFieldNames(contract.entityType);
  const field = Object.keys(payload).find((key) => names.includes(key) && typeof payload[key] === 'string' && payload[key] !== '');
  if (field) return payload[field] as string;
  throw new CliError(`no ${names.join(' or ')} in --payload to take the ${contract.entityType} id from; pass --entity-id <id>`);
}

function idFieldNames(entityType: string): string[] {
  const camel = entityType.replace(/[_.-]+([a-z0-9])/g, (_, first: string) => first.toUpperCase());
  return [`${camel}Id`, `${entityType.replace(/[.-]/g, '_')}_id`];
}
