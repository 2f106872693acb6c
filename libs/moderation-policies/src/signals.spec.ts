import { loadCatalog } from '@eventline/contracts';
import { MODERATED_EVENT_TYPES, toSignal } from './signals';

const event = (event_type: string, payload: Record<string, unknown>, extra: object = {}) => ({ event_type, payload, entity_id: 'E-1', actor: { id: 'actor-1' }, ...extra });

describe('toSignal', () => {
  it('reads community messages as content that can be hidden', () => {
    const signal = toSignal(event('community.message.created', { message_id: 'm1', author_id: 'u1', body: 'hi' }));
    expect(signal).toMatchObject({ kind: 'content', subjectType: 'message', subjectId: 'm1', actorId: 'u1', text: 'hi', hide: { eventType: 'community.message.hide' } });
  });
  it('keeps DM recipients so their blocks can be enforced, and offers no hide event', () => {
    const signal = toSignal(event('dm.message.created', { message_id: 'm2', sender_id: 'u2', recipient_ids: ['u3'], body: 'yo' }));
    expect(signal).toMatchObject({ kind: 'content', actorId: 'u2', recipientIds: ['u3'] });
    expect(signal).not.toHaveProperty('hide');
  });
  it('checks a post by its title and tags', () => {
    expect(toSignal(event('POST_CREATED', { title: 'Hello', tags: ['a', 'b'] }))).toMatchObject({ kind: 'content', subjectType: 'post', subjectId: 'E-1', text: 'Hello a b' });
  });
  it('counts both seeds’ login failures under user/email and IP keys', () => {
    expect(toSignal(event('user.login_failed', { user_id: 'u9', email: 'X@Y.io', ip_address: '10.0.0.1' }))).toEqual({
      kind: 'login_failure',
      actorId: 'u9',
      keys: [
        { subjectType: 'user', subjectId: 'u9' },
        { subjectType: 'account', subjectId: 'ip:10.0.0.1' },
      ],
    });
    expect(toSignal(event('user.login_failed', { user_id: null, email: 'X@Y.io' }))).toMatchObject({ keys: [{ subjectType: 'account', subjectId: 'email:x@y.io' }] });
    expect(toSignal(event('USER_LOGIN_FAILED', { attempted_email: 'A@b.com', ip_address: null }))).toMatchObject({
      kind: 'login_failure',
      keys: [{ subjectType: 'account', subjectId: 'email:a@b.com' }],
    });
  });
  it('turns lockouts, AI sanitization failures and email complaints into cases directly', () => {
    expect(toSignal(event('user.locked_out', { user_id: 'u5', failed_attempts: 5 }))).toMatchObject({
      kind: 'case',
      draft: { decision: 'lock_review', reason: 'account_locked_out', subjectId: 'u5' },
    });
    expect(toSignal(event('ai_response.sanitization_failed', { reason: 'pii_detected', response_id: 'r1' }))).toMatchObject({
      draft: { decision: 'escalate', subjectId: 'r1', details: { category: 'pii_detected' } },
    });
    expect(toSignal(event('EMAIL_COMPLAINT_RECEIVED', { to: 'Who@Ever.com', provider: 'ses', complaintType: 'abuse' }))).toMatchObject({
      draft: { reason: 'email_complaint', subjectId: 'email:who@ever.com' },
    });
  });
  it('reads blocks and ignores unrelated events', () => {
    expect(toSignal(event('social.block.applied', { blocker_id: 'a', blocked_id: 'b' }))).toEqual({ kind: 'block_applied', blockerId: 'a', blockedId: 'b' });
    expect(toSignal(event('social.block.removed', { blocker_id: 'a', blocked_id: 'b' }))).toMatchObject({ kind: 'block_removed' });
    expect(toSignal(event('TICKET_ASSIGNED', {}))).toBeNull();
  });
});

describe("MODERATED_EVENT_TYPES (the worker's subscription)", () => {
  const listed: readonly string[] = MODERATED_EVENT_TYPES;

  it('names exactly the catalog events toSignal reads: each listed one gives a signal, every other gives none', () => {
    const catalogTypes = loadCatalog().events.map((contract) => contract.eventType);
    expect(listed.filter((type) => !catalogTypes.includes(type))).toEqual([]);
    expect(listed.filter((type) => toSignal(event(type, {})) === null)).toEqual([]);
    expect(catalogTypes.filter((type) => !listed.includes(type) && toSignal(event(type, {})) !== null)).toEqual([]);
  });
});
