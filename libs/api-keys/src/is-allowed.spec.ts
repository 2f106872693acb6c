import { isAllowed } from './is-allowed';

describe('isAllowed', () => {
  const key = (tenantIds: string[], eventTypes: string[]) => ({ tenantIds, eventTypes });

  it('allows an exact tenant and an exact event type', () => {
    expect(isAllowed(key(['acme'], ['TICKET_ASSIGNED']), 'acme', 'TICKET_ASSIGNED')).toBe(true);
  });

  it('refuses another tenant', () => {
    expect(isAllowed(key(['acme'], ['*']), 'globex', 'TICKET_ASSIGNED')).toBe(false);
  });

  it("allows every tenant with '*'", () => {
    expect(isAllowed(key(['*'], ['TICKET_ASSIGNED']), 'anyone', 'TICKET_ASSIGNED')).toBe(true);
  });

  it('refuses an event type that only shares a prefix with an exact name', () => {
    expect(isAllowed(key(['acme'], ['TICKET_ASSIGNED']), 'acme', 'TICKET_ASSIGNED_AGAIN')).toBe(false);
    expect(isAllowed(key(['acme'], ['TICKET_ASSIGNED']), 'acme', 'TICKET_ASSIGNE')).toBe(false);
  });

  it.each([
    ['TICKET_*', 'TICKET_ASSIGNED', true],
    ['TICKET_*', 'TICKET_', true],
    ['TICKET_*', 'TICKETS_MERGED', false],
    ['community.*', 'community.message.created', true],
    ['community.*', 'communityX.created', false],
    ['*', 'CartItemAdded', true],
  ])('pattern %s with event type %s → %s', (pattern, eventType, expected) => {
    expect(isAllowed(key(['acme'], [pattern]), 'acme', eventType)).toBe(expected);
  });

  it('needs one matching entry among several', () => {
    const scoped = key(['acme', 'globex'], ['USER_LOGIN_FAILED', 'TICKET_*']);
    expect(isAllowed(scoped, 'globex', 'TICKET_CLOSED')).toBe(true);
    expect(isAllowed(scoped, 'acme', 'USER_LOGIN_FAILED')).toBe(true);
    expect(isAllowed(scoped, 'acme', 'USER_LOGIN_SUCCEEDED')).toBe(false);
  });

  it('treats tenant ids literally: a tenant entry is never a pattern', () => {
    expect(isAllowed(key(['acme'], ['*']), 'acme*', 'X')).toBe(false);
    expect(isAllowed(key(['acme'], ['*']), 'ACME', 'X')).toBe(false);
  });
});
