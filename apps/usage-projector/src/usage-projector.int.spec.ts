import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { ApiKeyStore, type KeyScope } from '@eventline/api-keys';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { bindTenantRole } from '@eventline/tenant-access';
import { eventually, uniqueName } from '@eventline/test-harness';
import { DAY_1, DAY_2, PORT_A, WAIT, chatMessage, postGenerated, projectorSuite } from './testing/usage-fixtures';

const root = findWorkspaceRoot();

describe('usage-projector against the real stack', () => {
  jest.setTimeout(400_000);
  const suite = projectorSuite('usage-projector-test');

  const daily = async (tenant: string) =>
    (
      await suite.pool.query(
        "SELECT to_char(day, 'YYYY-MM-DD') AS day, model_name, user_id, events, input_tokens::int AS input_tokens, output_tokens::int AS output_tokens FROM usage_daily WHERE tenant_id = $1 ORDER BY 1, 2, 3",
        [tenant],
      )
    ).rows;

  // Shared by the projection and the KPI tests: 3 chat messages and 1 generated post.
  const tenant = uniqueName('usage');

  it('projects chat_message_sent and POST_GENERATED into usage_records and the daily rollup', async () => {
    await suite.publisher.publishUntyped([
      chatMessage(tenant, 'user-a', 'gpt-4', 100, 40),
      chatMessage(tenant, 'user-a', 'gpt-4', 50, 10),
      chatMessage(tenant, 'user-b', 'gpt-4', 20, 5),
      postGenerated(tenant, 'user-b', 300),
    ]);
    await eventually('4 usage records', async () => ((await suite.records([tenant])) === 4 ? true : undefined), WAIT);

    const { rows } = await suite.pool.query('SELECT * FROM usage_records WHERE tenant_id = $1 ORDER BY event_type, input_tokens', [tenant]);
    expect(rows[0]).toMatchObject({
      event_type: 'POST_GENERATED',
      user_id: 'user-b',
      model_name: 'gpt-4o',
      model_version: null,
      input_tokens: 300,
      output_tokens: 0,
      status: 'success',
      latency_ms: null,
      assist_mode: null,
    });
    expect(rows[0].ts.toISOString()).toBe(new Date(DAY_2).toISOString());
    expect(rows[3]).toMatchObject({
      event_type: 'chat_message_sent',
      user_id: 'user-a',
      model_name: 'gpt-4',
      model_version: '0613',
      input_tokens: 100,
      output_tokens: 40,
      status: 'success',
      latency_ms: 250,
      assist_mode: 'draft',
    });
    expect(rows[3].id).toMatch(/^[0-9a-f-]{36}$/);

    await eventually('the rollup', async () => ((await daily(tenant)).length === 3 ? true : undefined), WAIT);
    expect(await daily(tenant)).toEqual([
      { day: '2026-11-20', model_name: 'gpt-4', user_id: 'user-a', events: 2, input_tokens: 150, output_tokens: 50 },
      { day: '2026-11-20', model_name: 'gpt-4', user_id: 'user-b', events: 1, input_tokens: 20, output_tokens: 5 },
      { day: '2026-11-21', model_name: 'gpt-4o', user_id: 'user-b', events: 1, input_tokens: 300, output_tokens: 0 },
    ]);
  });

  it('counts a redelivered event once, in usage_records and in usage_daily', async () => {
    const redelivered = uniqueName('redeliver');
    const eventId = randomUUID();
    const event = chatMessage(redelivered, 'user-r', 'gpt-4', 70, 30, DAY_1, eventId);
    await suite.publisher.publishUntyped([event]);
    await eventually('the first delivery', async () => ((await suite.records([redelivered])) === 1 ? true : undefined), WAIT);
    const before = await daily(redelivered);

    // The same event_id again, then a marker behind it on the same partition (same tenant key,
    // same topic): once the marker is projected, the duplicate has certainly been handled.
    await suite.publisher.publishUntyped([event, chatMessage(redelivered, 'user-r', 'marker-model', 1, 1)]);
    await eventually('the marker behind the duplicate', async () => ((await suite.records([redelivered])) === 2 ? true : undefined), WAIT);

    expect(Number((await suite.pool.query('SELECT count(*) AS n FROM usage_records WHERE event_id = $1', [eventId])).rows[0].n)).toBe(1);
    const after = await daily(redelivered);
    expect(after.filter((r) => r.model_name === 'gpt-4')).toEqual(before);
    expect(before).toEqual([{ day: '2026-11-20', model_name: 'gpt-4', user_id: 'user-r', events: 1, input_tokens: 70, output_tokens: 30 }]);
  });

  const kpis = async (query: string, key?: string) => {
    const response = await fetch(`http://127.0.0.1:${PORT_A}/v1/kpis/tokens?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    return { status: response.status, body: (await response.json()) as { rows: Array<Record<string, unknown>>; message?: string } };
  };
  const newKey = async (scopes: KeyScope[], tenants: string[]) => {
    for (const t of scopes.includes('read') ? tenants : []) await bindTenantRole(suite.pool, t);
    return (await new ApiKeyStore(suite.pool).create({ name: uniqueName('kpi-test'), tenantIds: tenants, eventTypes: ['*'], scopes })).plaintext;
  };

  it('serves token KPIs by model, user and day over HTTP to a read key of the tenant, and the CLI prints the same', async () => {
    const key = await newKey(['read'], [tenant]);
    const kpisOf = (query: string) => kpis(query, key);
    const byModel = await kpisOf(`tenant=${tenant}&by=model`);
    expect(byModel.status).toBe(200);
    expect(byModel.body.rows).toEqual([
      { key: 'gpt-4o', events: 1, input_tokens: 300, output_tokens: 0, total_tokens: 300 },
      { key: 'gpt-4', events: 3, input_tokens: 170, output_tokens: 55, total_tokens: 225 },
    ]);
    expect((await kpisOf(`tenant=${tenant}&by=user`)).body.rows).toEqual([
      { key: 'user-b', events: 2, input_tokens: 320, output_tokens: 5, total_tokens: 325 },
      { key: 'user-a', events: 2, input_tokens: 150, output_tokens: 50, total_tokens: 200 },
    ]);
    expect((await kpisOf(`tenant=${tenant}&by=day&from=2026-11-21&to=2026-11-21`)).body.rows).toEqual([{ key: '2026-11-21', events: 1, input_tokens: 300, output_tokens: 0, total_tokens: 300 }]);
    expect((await kpisOf('by=model')).status).toBe(400);
    expect((await kpisOf(`tenant=${tenant}&by=nope`)).status).toBe(400);

    const { stdout } = await promisify(execFile)(process.execPath, ['apps/cli/bin/eventline.js', 'usage', 'kpis', '--tenant', tenant, '--by', 'user'], { cwd: root });
    const lines = stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['USER', 'EVENTS', 'INPUT', 'OUTPUT', 'TOTAL']);
    expect(lines[2].split(/\s+/)).toEqual(['user-b', '2', '320', '5', '325']);
    expect(lines[3].split(/\s+/)).toEqual(['user-a', '2', '150', '50', '200']);
  });

  it('refuses KPIs without a key, to a publish-only key, and for a tenant the read key does not name', async () => {
    const other = uniqueName('usage-other');
    expect((await kpis(`tenant=${tenant}`)).status).toBe(401);
    const publishOnly = await kpis(`tenant=${tenant}`, await newKey(['publish'], [tenant]));
    expect(publishOnly).toMatchObject({ status: 403, body: { message: 'The API key has the scope(s) publish; reading KPIs needs the read scope.' } });
    const otherTenant = await kpis(`tenant=${tenant}`, await newKey(['read'], [other]));
    expect(otherTenant).toMatchObject({ status: 403, body: { message: `The API key does not allow reading tenant "${tenant}".` } });
  });
});
