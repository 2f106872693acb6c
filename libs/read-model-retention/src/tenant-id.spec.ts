import { checkPolicyScope, checkTenantId } from './tenant-id';

describe('checkTenantId: one tenant, as its events carry it', () => {
  it('accepts an exact tenant id', () => {
    expect(checkTenantId('acme-eu')).toBe('acme-eu');
  });

  it.each([
    ['', '--tenant "": must name a tenant; it is blank'],
    ['   ', '--tenant "   ": must name a tenant; it is blank'],
    [' acme', '--tenant " acme": has leading or trailing spaces; tenant ids have none'],
    ['ac\nme', '--tenant "ac\\nme": contains a control character'],
    ['*', '--tenant "*": must be one exact tenant id; \'*\' is not a tenant'],
    ['acme-*', '--tenant "acme-*": must be one exact tenant id; \'*\' is not a tenant'],
  ])('refuses %j, naming the field and the reason', (tenant, message) => {
    expect(() => checkTenantId(tenant)).toThrow(message);
  });

  it('refuses an id too long to be one, quoting only its start', () => {
    expect(() => checkTenantId('a'.repeat(201))).toThrow(`--tenant "${'a'.repeat(40)}…": is longer than 200 characters`);
  });

  it("lets a policy's scope be '*', every tenant, but nothing else with a star", () => {
    expect(checkPolicyScope('*')).toBe('*');
    expect(() => checkPolicyScope('a*')).toThrow("'*' is not a tenant");
  });
});
