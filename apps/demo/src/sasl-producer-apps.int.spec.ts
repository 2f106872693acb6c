import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore } from '@eventline/api-keys';
import { createPool } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, metricSum, uniqueName } from '@eventline/test-harness';
import { AppsOverSasl } from './testing/apps-over-sasl';

const PRODUCERS = ['ingest-gateway', 'moderation-worker', 'outbox-relay'];

// A known blocked term, so the moderation worker hides the message through the outbox.
const policyFile = join(mkdtempSync(join(tmpdir(), 'sasl-moderation-')), 'policy.json');
writeFileSync(policyFile, JSON.stringify({ blockedTerms: ['scamcoin'], maxLinks: 3, velocity: { maxMessages: 50, windowSeconds: 300 }, bruteForce: { maxFailures: 50, windowSeconds: 600 } }));

const spam = (tenant: string) => {
  const id = `m-${randomUUID()}`;
  return {
    event_type: 'community.message.created',
    tenant_id: tenant,
    entity_id: id,
    actor: { id: 'u-1', type: 'user' },
    payload: { message_id: id, community_id: 'c-1', channel_id: 'ch-1', author_id: 'u-1', body: 'buy scamcoin today', attachment_count: 0, mentioned_user_ids: [], created_at: Date.now() },
  };
};

describe(`${PRODUCERS.join(', ')} over SASL_SSL`, () => {
  jest.setTimeout(58_000);
  const apps = new AppsOverSasl();
  const pool = createPool({ applicationName: 'sasl-producer-apps-spec', connectionString: loadStackEndpoints().databaseUrl, max: 2 });
  afterAll(async () => {
    await apps.stop().catch(() => undefined);
    await pool.end();
  });

  it('carry an event from the gateway through moderation and the outbox relay, each as its own SCRAM user, and log no secret', async () => {
    const started = Date.now();
    await apps.start(PRODUCERS, { MODERATION_POLICY_FILE: policyFile });
    console.log(`ready over SASL_SSL in ${((Date.now() - started) / 1000).toFixed(1)} s: ${PRODUCERS.join(', ')}`);

    const tenant = uniqueName('sasl');
    const { plaintext: key } = await new ApiKeyStore(pool).create({ name: uniqueName('sasl-spec'), tenantIds: [tenant], eventTypes: ['*'] });
    // 202 means the broker acknowledged: the gateway produced over SASL_SSL.
    const response = await fetch(`http://127.0.0.1:${apps.port('ingest-gateway')}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(spam(tenant)),
    });
    expect(response.status).toBe(202);

    // The worker consumed it over SASL_SSL and wrote the hide into the outbox; only this relay runs (Nx runs one project at a time), so it published it.
    const published = await eventually(
      'the hide to be published by the relay',
      async () => {
        const { rows } = await pool.query("SELECT published_at FROM outbox WHERE tenant_id = $1 AND event_type = 'community.message.hide'", [tenant]);
        return rows[0]?.published_at ? rows : undefined;
      },
      30_000,
    );
    expect(published).toHaveLength(1);
    expect(await metricSum(apps.port('moderation-worker'), 'eventline_events_projected_total')).toBeGreaterThan(0);

    const logs = await apps.stop();
    expect(logs.every(({ log }) => log.length > 0)).toBe(true);
    expect(apps.leaks(logs)).toEqual([]);
  });
});
