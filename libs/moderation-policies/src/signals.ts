import type { EventType } from '@eventline/contracts';
import type { CaseDraft, SubjectType } from './case-draft';

/** User-written text to check; `hide` is set where the catalog has an event that hides it. */
export interface ContentSignal {
  kind: 'content';
  subjectType: SubjectType;
  subjectId: string;
  actorId: string;
  text: string;
  /** DM recipients, for enforcing their blocks on the sender. */
  recipientIds: string[];
  hide?: { eventType: 'community.message.hide'; message: Record<string, unknown> };
}

/** One failed login, counted under every identity it names (user id, email, IP). */
export interface LoginFailureSignal {
  kind: 'login_failure';
  actorId: string;
  keys: Array<{ subjectType: SubjectType; subjectId: string }>;
}

export interface BlockSignal {
  kind: 'block_applied' | 'block_removed';
  blockerId: string;
  blockedId: string;
}

/** Events that are a case by themselves, no counting needed. */
export interface DirectCaseSignal {
  kind: 'case';
  draft: CaseDraft;
}

export type ModerationSignal = ContentSignal | LoginFailureSignal | BlockSignal | DirectCaseSignal;

export interface EnvelopeLike {
  event_type: string;
  entity_id?: string;
  actor?: { id?: string } | null;
  payload: Record<string, unknown>;
}

/** Every event type `toSignal` understands: the moderation worker's subscription. */
export const MODERATED_EVENT_TYPES = [
  'community.message.created',
  'dm.message.created',
  'live_classroom.chat.message_logged',
  'POST_CREATED',
  'user.login_failed',
  'USER_LOGIN_FAILED',
  'user.locked_out',
  'social.block.applied',
  'social.block.removed',
  'ai_response.sanitization_failed',
  'EMAIL_COMPLAINT_RECEIVED',
] as const satisfies readonly EventType[];

export type ModeratedEventType = (typeof MODERATED_EVENT_TYPES)[number];

/** Maps a catalog event to what moderation cares about in it, or null for events it ignores. */
export function toSignal(envelope: EnvelopeLike): ModerationSignal | null {
  const p = envelope.payload;
  const actor = envelope.actor?.id ?? 'unknown';
  const str = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  switch (envelope.event_type) {
    case 'community.message.created':
      return {
        kind: 'content',
        subjectType: 'message',
        subjectId: String(p.message_id),
        actorId: String(p.author_id),
        text: String(p.body),
        recipientIds: [],
        hide: { eventType: 'community.message.hide', message: p },
      };
    case 'dm.message.created':
      return { kind: 'content', subjectType: 'message', subjectId: String(p.message_id), actorId: String(p.sender_id), text: String(p.body), recipientIds: (p.recipient_ids as string[]) ?? [] };
    case 'live_classroom.chat.message_logged':
      return { kind: 'content', subjectType: 'message', subjectId: String(p.message_id), actorId: String(p.author_id), text: String(p.body), recipientIds: [] };
    case 'POST_CREATED':
      // The post contract carries no body: the title and tags are the user-written text.
      return { kind: 'content', subjectType: 'post', subjectId: envelope.entity_id ?? 'unknown', actorId: actor, text: [p.title, ...((p.tags as string[]) ?? [])].join(' '), recipientIds: [] };
    case 'user.login_failed': {
      const keys = [identityKey('user', str(p.user_id)) ?? identityKey('account', emailKey(str(p.email))), identityKey('account', ipKey(str(p.ip_address)))];
      return { kind: 'login_failure', actorId: str(p.user_id) ?? actor, keys: keys.filter(present) };
    }
    case 'USER_LOGIN_FAILED': {
      const keys = [identityKey('account', emailKey(str(p.attempted_email))), identityKey('account', ipKey(str(p.ip_address)))];
      return { kind: 'login_failure', actorId: actor, keys: keys.filter(present) };
    }
    case 'user.locked_out':
      return directCase({
        subjectType: 'user',
        subjectId: String(p.user_id),
        actorId: String(p.user_id),
        decision: 'lock_review',
        reason: 'account_locked_out',
        details: { failed_attempts: p.failed_attempts },
      });
    case 'social.block.applied':
    case 'social.block.removed':
      return { kind: envelope.event_type === 'social.block.applied' ? 'block_applied' : 'block_removed', blockerId: String(p.blocker_id), blockedId: String(p.blocked_id) };
    case 'ai_response.sanitization_failed':
      return directCase({
        subjectType: 'message',
        subjectId: str(p.response_id) ?? envelope.entity_id ?? 'unknown',
        actorId: actor,
        decision: 'escalate',
        reason: 'ai_sanitization_failed',
        details: { category: p.reason, model_name: p.model_name ?? null },
      });
    case 'EMAIL_COMPLAINT_RECEIVED':
      return directCase({
        subjectType: 'account',
        subjectId: emailKey(str(p.to)) ?? 'unknown',
        actorId: actor,
        decision: 'escalate',
        reason: 'email_complaint',
        details: { provider: p.provider, category: p.complaintType ?? null },
      });
    default:
      return null;
  }
}

const directCase = (draft: CaseDraft): DirectCaseSignal => ({ kind: 'case', draft });
const identityKey = (subjectType: SubjectType, subjectId: string | undefined) => (subjectId ? { subjectType, subjectId } : undefined);
// Prefixed so an email and an IP can never collide as the same counted subject.
const emailKey = (email: string | undefined) => (email ? `email:${email.trim().toLowerCase()}` : undefined);
const ipKey = (ip: string | undefined) => (ip ? `ip:${ip}` : undefined);
const present = <T>(value: T | undefined): value is T => value !== undefined;
