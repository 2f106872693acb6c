import { InvalidApiKeyError } from './invalid-api-key-error';
import { validateNewKey } from './validate-new-key';

describe('validateNewKey', () => {
  const valid = { name: ' billing sync ', tenantIds: ['acme', ' acme'], eventTypes: ['TICKET_*'] };

  it('trims names and entries and drops duplicates', () => {
    expect(validateNewKey(valid)).toEqual({ name: 'billing sync', tenantIds: ['acme'], eventTypes: ['TICKET_*'], scopes: ['publish'] });
  });

  it('keeps the scopes in one order, and lets a read-only key name no event types', () => {
    expect(validateNewKey({ ...valid, scopes: ['read', 'publish', 'read'] }).scopes).toEqual(['publish', 'read']);
    expect(validateNewKey({ ...valid, eventTypes: [], scopes: ['read'] })).toMatchObject({ eventTypes: [], scopes: ['read'] });
  });

  it.each([
    [{ ...valid, name: '  ' }, /needs a name/],
    [{ ...valid, tenantIds: [] }, /at least one tenant/],
    [{ ...valid, eventTypes: [] }, /at least one event type/],
    [{ ...valid, eventTypes: ['TICKET_*', ''] }, /empty event type/],
    [{ ...valid, tenantIds: ['acme-*'] }, /exact tenant id/],
    [{ ...valid, eventTypes: ['*_ASSIGNED'] }, /may only end a pattern/],
    [{ ...valid, eventTypes: ['TICKET_*_X'] }, /may only end a pattern/],
    [{ ...valid, scopes: [] }, /at least one scope/],
    [{ ...valid, scopes: ['write'] as never }, /scope "write" is not one of publish, read/],
    [{ ...valid, tenantIds: ['*'], scopes: ['read'] as never }, /read scope must name its tenants/],
  ])('refuses %j', (input, message) => {
    expect(() => validateNewKey(input)).toThrow(InvalidApiKeyError);
    expect(() => validateNewKey(input)).toThrow(message);
  });
});
