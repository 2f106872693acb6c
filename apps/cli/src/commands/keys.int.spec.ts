import { eventline } from '../testing/run-cli';
import { uniqueName } from '@eventline/test-harness';

const listedRow = (stdout: string, id: string) => stdout.split('\n').find((line) => line.startsWith(id));

describe('eventline keys', () => {
  jest.setTimeout(120_000);

  it('creates a key (printed once), lists it, revokes it, lists it as revoked', async () => {
    const name = uniqueName('cli-key');
    const created = await eventline('keys', 'create', '--name', name, '--tenant', 'acme', '--tenant', 'globex', '--types', 'TICKET_*,USER_LOGIN_FAILED');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const key = /\b(evl_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1];
    const id = /id\s+([0-9a-f-]{36})/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    expect(id).toBeDefined();
    expect(created.stdout).toContain('not shown again');

    const listed = await eventline('keys', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+PREFIX\s+SCOPES\s+TENANTS\s+TYPES\s+CREATED\s+REVOKED/);
    const row = listedRow(listed.stdout, id!);
    expect(row).toMatch(new RegExp(`^${id}\\s+${name}\\s+${key!.slice(0, 12)}\\s+publish\\s+acme,globex\\s+TICKET_\\*,USER_LOGIN_FAILED\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ\\s+-$`));
    expect(listed.stdout).not.toContain(key);

    const revoked = await eventline('keys', 'revoke', id!);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked API key ${id}.\n` });
    const again = await eventline('keys', 'list');
    expect(listedRow(again.stdout, id!)).toMatch(/\d\d:\d\dZ\s+\d{4}-\d\d-\d\d \d\d:\d\dZ$/);
  });

  it('refuses incomplete or impossible keys with a clear message', async () => {
    expect(await eventline('keys', 'create', '--name', 'x', '--types', '*')).toMatchObject({ code: 1, stderr: expect.stringContaining('eventline: keys create needs at least one --tenant <id>') });
    expect(await eventline('keys', 'create', '--name', 'x', '--tenant', 'acme')).toMatchObject({ code: 1, stderr: expect.stringContaining('eventline: keys create needs --types <pattern>') });
    expect(await eventline('keys', 'create', '--name', 'x', '--tenant', 'acme', '--types', '*_ASSIGNED')).toMatchObject({ code: 1, stderr: expect.stringContaining("'*' may only end a pattern") });
    expect(await eventline('keys', 'create', '--name', 'x', '--tenant', '*', '--scope', 'read')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('a key with the read scope must name its tenants'),
    });
    expect(await eventline('keys', 'create', '--name', 'x', '--tenant', 'acme', '--scope', 'write')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('scope "write" is not one of publish, read'),
    });
  });

  it('makes a read key without event types, binding its tenants to database roles, and serves their KPIs as those roles', async () => {
    const tenant = uniqueName('cli-read');
    const created = await eventline('keys', 'create', '--name', uniqueName('cli-read-key'), '--tenant', tenant, '--scope', 'read');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/scopes\s+read\n/);
    expect(await eventline('tenants', 'bind', tenant)).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^Tenant "${tenant}" is bound to role eventline_tenant_[0-9a-f]{16}\\.`)) });
    expect(await eventline('usage', 'kpis', '--tenant', tenant)).toMatchObject({ code: 0, stdout: `No usage recorded for tenant "${tenant}" in that range.\n` });
    const unbound = uniqueName('cli-unbound');
    expect(await eventline('usage', 'kpis', '--tenant', unbound)).toMatchObject({ code: 1, stderr: expect.stringContaining(`tenant "${unbound}" has no database role bound`) });
  });

  it('says which id it does not know', async () => {
    const result = await eventline('keys', 'revoke', '00000000-0000-4000-8000-000000000000');
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('No API key has id "00000000-0000-4000-8000-000000000000"') });
  });
});
