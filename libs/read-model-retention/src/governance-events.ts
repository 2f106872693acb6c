import { PLATFORM_TENANT } from '@eventline/audit-projection';
import type { UntypedEventInput } from '@eventline/publisher';
import type { Evidence } from './enforce-policy';
import type { LegalHold } from './legal-holds';
import { EVERY_TENANT } from './tenant-id';

const person = (id: string) => ({ id, type: 'user' as const });

export function holdPlacedEvent(hold: LegalHold): UntypedEventInput {
  return {
    event_type: 'compliance.legal_hold_placed',
    tenant_id: hold.tenantId,
    entity_id: hold.id,
    actor: person(hold.placedBy),
    occurred_at: hold.placedAt,
    payload: { hold_id: hold.id, reason: hold.reason, placed_by: hold.placedBy, placed_at: hold.placedAt.getTime() },
  };
}

export function holdReleasedEvent(hold: LegalHold): UntypedEventInput {
  return {
    event_type: 'compliance.legal_hold_released',
    tenant_id: hold.tenantId,
    entity_id: hold.id,
    actor: person(hold.releasedBy!),
    occurred_at: hold.releasedAt!,
    payload: { hold_id: hold.id, reason: hold.releaseReason!, released_by: hold.releasedBy!, placed_at: hold.placedAt.getTime(), released_at: hold.releasedAt!.getTime() },
  };
}

/**
 * One event per policy per run. A tenant's policy is that tenant's event; an all-tenant policy's
 * is the platform's (its evidence spans tenants, and one event per affected tenant would publish
 * the run's shape to each of them).
 */
export function policyEnforcedEvent(evidence: Evidence): UntypedEventInput {
  const { policy } = evidence;
  return {
    event_type: 'data_retention.policy_enforced',
    tenant_id: policy.tenantId === EVERY_TENANT ? PLATFORM_TENANT : policy.tenantId,
    entity_id: policy.id,
    actor: person(evidence.actor),
    occurred_at: evidence.finishedAt,
    payload: {
      policy_id: policy.id,
      policy_name: policy.name,
      run_id: evidence.runId,
      target_table: policy.table,
      retention_days: policy.maxAgeDays,
      cutoff_at: evidence.cutoffAt.getTime(),
      rows_affected: evidence.rowsAffected,
      sample_ids: evidence.sampleIds,
      dry_run: evidence.dryRun,
      started_at: evidence.startedAt.getTime(),
      completed_at: evidence.finishedAt.getTime(),
    },
  };
}
