import { loadCatalog } from '@eventline/contracts';
import { CliError } from '../errors';
import { toNewKey, unmatchedPatterns } from './key-options';

describe('keys create options', () => {
  it('splits --types on commas and keeps every --tenant', () => {
    expect(toNewKey({ name: 'sync', tenant: ['acme', 'globex'], types: 'TICKET_*, USER_LOGIN_FAILED,' })).toEqual({
      name: 'sync',
      tenantIds: ['acme', 'globex'],
      eventTypes: ['TICKET_*', 'USER_LOGIN_FAILED'],
      scopes: ['publish'],
    });
  });

  it.each([
    [{ tenant: ['acme'], types: '*' }, /--name/],
    [{ name: 'sync', tenant: [], types: '*' }, /--tenant/],
    [{ name: 'sync', tenant: ['acme'] }, /--types/],
    [{ name: 'sync', tenant: ['acme'], types: ' , ' }, /--types/],
    [{ name: 'sync', tenant: ['acme-*'], types: '*' }, /exact tenant id/],
  ])('refuses %j with a CliError', (options, message) => {
    expect(() => toNewKey(options)).toThrow(CliError);
    expect(() => toNewKey(options)).toThrow(message);
  });

  it('points out patterns that match no event type in the catalog', () => {
    expect(unmatchedPatterns(['TICKET_*', 'TICKT_*', 'community.*', 'USER_LOGIN_FAILED', 'USER_LOGIN_FAILD', '*'], loadCatalog())).toEqual(['TICKT_*', 'USER_LOGIN_FAILD']);
  });
});
