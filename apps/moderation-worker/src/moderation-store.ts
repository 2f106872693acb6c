import type { ClientBase } from 'pg';
import type { CaseDraft } from '@eventline/moderation-policies';

/** The event a case comes from: every case row keeps its tenant, event id and type. */
export interface SourceEvent {
  tenantId: string;
  eventId: string;
  eventType: string;
}

/** SQL of the moderation tables, always on the batch's transaction so cases, counts and outbox rows commit together. */
export const moderationStore = {
  /** Inserts a case; returns its id, or undefined when this event already produced a case for this reason. */
  async openCase(tx: ClientBase, source: SourceEvent, draft: CaseDraft): Promise<string | undefined> {
    const { rows } = await tx.query(
      `INSERT INTO moderation_cases (tenant_id, event_id, event_type, subject_type, subject_id, actor_id, decision, reason, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) ON CONFLICT (event_id, reason) DO NOTHING RETURNING id`,
      [source.tenantId, source.eventId, source.eventType, draft.subjectType, draft.subjectId, draft.actorId, draft.decision, draft.reason, JSON.stringify(draft.details)],
    );
    return rows[0]?.id;
  },

  /** Like openCase, but not while the subject already has an open case for the same reason: one flood is one case. */
  async openCaseOnce(tx: ClientBase, source: SourceEvent, draft: CaseDraft): Promise<string | undefined> {
    const { rows } = await tx.query(
      `INSERT INTO moderation_cases (tenant_id, event_id, event_type, subject_type, subject_id, actor_id, decision, reason, details)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM moderation_cases WHERE tenant_id = $1 AND subject_type = $4 AND subject_id = $5 AND reason = $8 AND status = 'open')
       ON CONFLICT (event_id, reason) DO NOTHING RETURNING id`,
      [source.tenantId, source.eventId, source.eventType, draft.subjectType, draft.subjectId, draft.actorId, draft.decision, draft.reason, JSON.stringify(draft.details)],
    );
    return rows[0]?.id;
  },

  /** Records one occurrence and returns how many the counter holds in the window ending at it. */
  async countInWindow(tx: ClientBase, source: SourceEvent, counter: string, occurredAt: Date, windowSeconds: number): Promise<number> {
    await tx.query('INSERT INTO moderation_signals (tenant_id, counter, event_id, occurred_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [source.tenantId, counter, source.eventId, occurredAt]);
    const { rows } = await tx.query(
      `SELECT count(*)::int AS n FROM moderation_signals
       WHERE tenant_id = $1 AND counter = $2 AND occurred_at > $3::timestamptz - make_interval(secs => $4) AND occurred_at <= $3`,
      [source.tenantId, counter, occurredAt, windowSeconds],
    );
    return rows[0].n;
  },

  async applyBlock(tx: ClientBase, tenantId: string, blockerId: string, blockedId: string): Promise<void> {
    await tx.query('INSERT INTO moderation_blocks (tenant_id, blocker_id, blocked_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [tenantId, blockerId, blockedId]);
  },

  async removeBlock(tx: ClientBase, tenantId: string, blockerId: string, blockedId: string): Promise<void> {
    await tx.query('DELETE FROM moderation_blocks WHERE tenant_id = $1 AND blocker_id = $2 AND blocked_id = $3', [tenantId, blockerId, blockedId]);
  },

  /** Which of the recipients have blocked the sender. */
  async blockersOf(tx: ClientBase, tenantId: string, senderId: string, recipientIds: string[]): Promise<string[]> {
    const { rows } = await tx.query('SELECT blocker_id FROM moderation_blocks WHERE tenant_id = $1 AND blocked_id = $2 AND blocker_id = ANY($3) ORDER BY blocker_id', [
      tenantId,
      senderId,
      recipientIds,
    ]);
    return rows.map((row) => row.blocker_id as string);
  },
};
