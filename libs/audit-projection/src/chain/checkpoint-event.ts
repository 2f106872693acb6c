import type { UntypedEventInput } from '@eventline/publisher';
import type { Checkpoint } from './checkpoint';

/** Checkpoints span every tenant, so their events are the platform's own. */
export const PLATFORM_TENANT = 'eventline-platform';

/**
 * The governance event that carries a checkpoint out of the database: the audit projector
 * projects it like any event, so the checkpoint joins the chain it vouches for, and every
 * downstream consumer of governance.events.v1 keeps a copy.
 */
export function checkpointEvent(checkpoint: Checkpoint, actor: { id: string; type: 'system' | 'user' }): UntypedEventInput {
  return {
    event_type: 'audit.checkpoint_written',
    tenant_id: PLATFORM_TENANT,
    entity_id: checkpoint.id,
    actor,
    occurred_at: checkpoint.createdAt.getTime(),
    payload: {
      checkpoint_id: checkpoint.id,
      signed_at: checkpoint.createdAt.getTime(),
      key_id: checkpoint.keyId,
      signature: checkpoint.signature.toString('base64'),
      heads: checkpoint.heads.map((head) => ({ ...head, seq: Number(head.seq) })),
    },
  };
}
