import { randomUUID } from 'node:crypto';
import type { EventContract } from '@eventline/contracts';
import type { UntypedEventInput } from './event-input';
import type { FieldProblem } from './validation-error';

const SYSTEM_ACTOR = { id: 'system', type: 'system' };

/** The full envelope from producer input: defaults filled, required identity fields checked by name. */
export function buildEnvelope(input: UntypedEventInput, contract: EventContract, source: string, schemaVersion: string, problems: FieldProblem[]) {
  for (const key of ['tenant_id', 'entity_id'] as const) {
    if (typeof input[key] !== 'string' || input[key].trim() === '') problems.push({ path: key, reason: 'is required (a non-empty string)' });
  }
  return {
    event_id: input.event_id ?? randomUUID(),
    event_type: contract.eventType,
    occurred_at: input.occurred_at ?? Date.now(),
    tenant_id: input.tenant_id,
    actor: input.actor ?? SYSTEM_ACTOR,
    entity_type: input.entity_type ?? contract.entityType,
    entity_id: input.entity_id,
    source: input.source ?? source,
    schema_version: schemaVersion,
    correlation_id: input.correlation_id ?? null,
    causation_id: input.causation_id ?? null,
    confidence: input.confidence ?? null,
    model: input.model ?? null,
    payload: input.payload,
  };
}
