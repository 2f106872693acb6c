export type SubjectType = 'message' | 'post' | 'user' | 'account';
export type Decision = 'flag' | 'hide' | 'block' | 'lock_review' | 'escalate';

/**
 * A moderation case before it is stored. `details` holds only what matched (terms, counts,
 * categories), never the content itself, so the cases table does not become a copy of user text.
 */
export interface CaseDraft {
  subjectType: SubjectType;
  subjectId: string;
  actorId: string;
  decision: Decision;
  reason: string;
  details: Record<string, unknown>;
}
