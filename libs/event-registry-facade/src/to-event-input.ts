import type { EventContract } from '@eventline/contracts';
import type { Actor, UntypedEventInput } from '@eventline/publisher';
import type { RecordContext, RecordStatus } from './record-context';
import { translateSeedMetadata } from './seed-metadata';

export interface Outcome {
  status: RecordStatus;
  /** Overrides the message the seed's metadata may carry (recordFailure's `error`). */
  errorMessage?: string;
}

/** Seed 003's `record` arguments as Publisher input: principal → actor, resource → entity, metadata + outcome → payload. */
export function toEventInput(contract: EventContract, tenantId: string, context: RecordContext, outcome: Outcome): UntypedEventInput {
  const metadata = translateSeedMetadata(contract.eventType, context.metadata);
  return {
    event_type: contract.eventType,
    tenant_id: context.tenant_id ?? tenantId,
    actor: actorOf(context),
    // When missing, the publisher uses the catalog's entity type, and names a missing entity_id in its EventValidationError.
    entity_type: context.resource_type ?? undefined,
    entity_id: context.resource_id ?? '',
    // The outcome fields come last: in the seed they are columns of their own, never metadata.
    payload: {
      ...metadata.fields,
      status: outcome.status,
      error_message: outcome.errorMessage ?? metadata.errorMessage,
      ip_address: context.ip_address ?? null,
      user_agent: context.user_agent ?? null,
    },
  };
}

/** Seed events without a principal were started by the system itself (token refresh, schedule scanning). */
function actorOf(context: RecordContext): Actor {
  if (!context.principal_id) return { id: 'system', type: 'system' };
  return { id: context.principal_id, type: context.principal_type ?? 'user' };
}
