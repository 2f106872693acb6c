import type { UntypedEventInput } from '@eventline/publisher';

export const MODERATOR_ID = 'moderation-worker';

/** The catalog's own community.message.hide for a message the worker decided to hide, caused by the original event. */
export function hideCommunityMessage(tenantId: string, causeEventId: string, message: Record<string, unknown>, reasonCode: string, caseId: string): UntypedEventInput {
  return {
    event_type: 'community.message.hide',
    tenant_id: tenantId,
    entity_id: String(message.message_id),
    actor: { id: MODERATOR_ID, type: 'system' },
    causation_id: causeEventId,
    payload: {
      message_id: message.message_id,
      community_id: message.community_id,
      channel_id: message.channel_id,
      author_id: message.author_id,
      moderator_id: MODERATOR_ID,
      reason_code: reasonCode,
      reason: 'Hidden automatically by the moderation policy',
      // The case id, so whoever reviews the hide finds the decision behind it.
      report_id: caseId,
      hidden_at: Date.now(),
    },
  };
}
