import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { DecodedEvent } from '@eventline/consumer-runtime';
import { checkContent, isBruteForce, isFlooding, toSignal, type ContentSignal, type LoginFailureSignal, type ModerationPolicy } from '@eventline/moderation-policies';
import type { OutboxWriter } from '@eventline/outbox';
import { hideCommunityMessage } from './hide-action';
import { moderationStore as store, type SourceEvent } from './moderation-store';
import { MODERATION_POLICY, OUTBOX_WRITER } from './tokens';

/** Applies the policies to one event inside the batch's transaction: cases, counters and automatic actions commit with the offsets. */
@Injectable()
export class ModerationService {
  constructor(
    @Inject(MODERATION_POLICY) private readonly policy: ModerationPolicy,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
  ) {}

  async moderate(tx: PoolClient, event: DecodedEvent): Promise<void> {
    const signal = toSignal(event.envelope as never);
    if (!signal) return;
    const source: SourceEvent = { tenantId: event.tenantId, eventId: event.eventId, eventType: event.eventType };
    switch (signal.kind) {
      case 'content':
        return this.moderateContent(tx, source, signal, occurredAt(event));
      case 'login_failure':
        return this.countLoginFailure(tx, source, signal, occurredAt(event));
      case 'block_applied':
        return store.applyBlock(tx, source.tenantId, signal.blockerId, signal.blockedId);
      case 'block_removed':
        return store.removeBlock(tx, source.tenantId, signal.blockerId, signal.blockedId);
      case 'case':
        await store.openCase(tx, source, signal.draft);
    }
  }

  private async moderateContent(tx: PoolClient, source: SourceEvent, signal: ContentSignal, at: Date): Promise<void> {
    const subject = { subjectType: signal.subjectType, subjectId: signal.subjectId, actorId: signal.actorId };
    for (const finding of checkContent(signal.text, this.policy)) {
      const caseId = await store.openCase(tx, source, { ...subject, ...finding });
      if (caseId && finding.decision === 'hide' && signal.hide) {
        await this.outbox.append(tx, [hideCommunityMessage(source.tenantId, source.eventId, signal.hide.message, finding.reason, caseId)]);
      }
    }
    if (signal.recipientIds.length > 0) {
      const blockers = await store.blockersOf(tx, source.tenantId, signal.actorId, signal.recipientIds);
      if (blockers.length > 0) await store.openCase(tx, source, { ...subject, decision: 'block', reason: 'blocked_sender', details: { blocked_by: blockers } });
    }
    const { maxMessages, windowSeconds } = this.policy.velocity;
    const messages = await store.countInWindow(tx, source, `messages:${signal.actorId}`, at, windowSeconds);
    if (isFlooding(messages, this.policy)) {
      await store.openCaseOnce(tx, source, {
        subjectType: 'user',
        subjectId: signal.actorId,
        actorId: signal.actorId,
        decision: 'flag',
        reason: 'velocity',
        details: { messages, max_messages: maxMessages, window_seconds: windowSeconds },
      });
    }
  }

  private async countLoginFailure(tx: PoolClient, source: SourceEvent, signal: LoginFailureSignal, at: Date): Promise<void> {
    const { maxFailures, windowSeconds } = this.policy.bruteForce;
    for (const key of signal.keys) {
      const failures = await store.countInWindow(tx, source, `login_failures:${key.subjectType}:${key.subjectId}`, at, windowSeconds);
      if (isBruteForce(failures, this.policy)) {
        await store.openCaseOnce(tx, source, {
          ...key,
          actorId: signal.actorId,
          decision: 'lock_review',
          reason: 'brute_force',
          details: { failures, max_failures: maxFailures, window_seconds: windowSeconds },
        });
      }
    }
  }
}

/** Windows are measured in event time, so a replay or a lagging consumer counts the same as live traffic. */
function occurredAt(event: DecodedEvent): Date {
  return new Date(event.envelope.occurred_at);
}
