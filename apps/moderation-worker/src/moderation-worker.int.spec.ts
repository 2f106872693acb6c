import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { migrate, createPool } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { eventually, startAppUnderTest, uniqueName, type AppUnderTest } from '@eventline/test-harness';

const WAIT = 120_000;
const root = findWorkspaceRoot();
const runCli = promisify(execFile);

// A policy of its own, so the velocity threshold is small and the blocked term is known.
const policyFile = join(mkdtempSync(join(tmpdir(), 'moderation-')), 'policy.json');
writeFileSync(policyFile, JSON.stringify({ blockedTerms: ['scamcoin'], maxLinks: 3, velocity: { maxMessages: 3, windowSeconds: 300 }, bruteForce: { maxFailures: 5, windowSeconds: 600 } }));

const communityMessage = (tenant: string, author: string, body: string) => {
  const id = `m-${randomUUID()}`;
  return {
    event_type: 'community.message.created',
    tenant_id: tenant,
    entity_id: id,
    actor: { id: author, type: 'user' as const },
    payload: { message_id: id, community_id: 'c-1', channel_id: 'ch-1', author_id: author, body, attachment_count: 0, mentioned_user_ids: [], created_at: Date.now() },
  };
};
const dm = (tenant: string, sender: string, recipient: string, body: string) => {
  const id = `dm-${randomUUID()}`;
  return {
    event_type: 'dm.message.created',
    tenant_id: tenant,
    entity_id: id,
    actor: { id: sender, type: 'user' as const },
    payload: { message_id: id, thread_id: 't-1', sender_id: sender, recipient_ids: [recipient], body, attachment_count: 0, sent_at: Date.now() },
  };
};

describe('moderation-worker against the real stack', () => {
  jest.setTimeout(300_000);
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'moderation-worker-test' });
  let pool: Pool;
  let publisher: Publisher;
  let worker: AppUnderTest | undefined;

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = createPool({ applicationName: 'moderation-worker-test', connectionString: endpoints.databaseUrl });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog: loadCatalog(), source: 'moderation-test' });
    worker = await startAppUnderTest({ app: 'moderation-worker', env: { MODERATION_POLICY_FILE: policyFile }, readyTimeoutMs: WAIT });
  });
  afterAll(async () => {
    await worker?.stop();
    await publisher?.close();
    await pool?.end();
  });

  const casesOf = async (tenant: string) => (await pool.query('SELECT * FROM moderation_cases WHERE tenant_id = $1 ORDER BY created_at', [tenant])).rows;
  const waitForCase = (tenant: string, reason: string) => eventually(`a ${reason} case for ${tenant}`, async () => (await casesOf(tenant)).find((c) => c.reason === reason), WAIT);

  it('hides a community message with a blocked term through the outbox, atomically with its case', async () => {
    const tenant = uniqueName('mod-term');
    const [published] = await publisher.publishUntyped([communityMessage(tenant, 'u-1', 'buy SCAMCOIN today')]);
    const found = await waitForCase(tenant, 'blocked_term');
    expect(found).toMatchObject({ event_id: published.event_id, decision: 'hide', subject_type: 'message', actor_id: 'u-1', status: 'open', details: { terms: ['scamcoin'] } });
    expect(JSON.stringify(found.details)).not.toContain('today');
    const outbox = await pool.query("SELECT event FROM outbox WHERE tenant_id = $1 AND event_type = 'community.message.hide'", [tenant]);
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0].event.envelope).toMatchObject({ causation_id: published.event_id, payload: { author_id: 'u-1', reason_code: 'blocked_term', report_id: found.id } });
  });

  it('flags link spam and leaves a clean message alone', async () => {
    const tenant = uniqueName('mod-links');
    const [clean] = await publisher.publishUntyped([communityMessage(tenant, 'u-2', 'See you all at the workshop tomorrow')]);
    await publisher.publishUntyped([communityMessage(tenant, 'u-3', 'deals http://a.com http://b.net www.c.org d.ru/x')]);
    expect(await waitForCase(tenant, 'link_spam')).toMatchObject({ decision: 'flag', details: { links: 4 } });
    expect((await casesOf(tenant)).filter((c) => c.event_id === clean.event_id)).toEqual([]);
    expect((await pool.query('SELECT 1 FROM outbox WHERE tenant_id = $1', [tenant])).rows).toEqual([]);
  });

  it('flags a user posting more messages than the velocity policy allows, once', async () => {
    const tenant = uniqueName('mod-velocity');
    await publisher.publishUntyped(Array.from({ length: 6 }, (_, n) => communityMessage(tenant, 'u-fast', `message number ${n}`)));
    expect(await waitForCase(tenant, 'velocity')).toMatchObject({ subject_type: 'user', subject_id: 'u-fast', decision: 'flag', details: { messages: 4, max_messages: 3 } });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await casesOf(tenant)).filter((c) => c.reason === 'velocity')).toHaveLength(1);
  });

  it('opens a brute-force case after 5 USER_LOGIN_FAILED for one account', async () => {
    const tenant = uniqueName('mod-brute');
    const failure = () => ({
      event_type: 'USER_LOGIN_FAILED',
      tenant_id: tenant,
      entity_id: 'user-7',
      actor: { id: 'anonymous', type: 'system' as const },
      payload: { reason: 'bad_password', attempted_email: 'Victim@Example.com' },
    });
    await publisher.publishUntyped(Array.from({ length: 4 }, failure));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await casesOf(tenant)).filter((c) => c.reason === 'brute_force')).toEqual([]);
    await publisher.publishUntyped([failure()]);
    expect(await waitForCase(tenant, 'brute_force')).toMatchObject({ subject_type: 'account', subject_id: 'email:victim@example.com', decision: 'lock_review', details: { failures: 5 } });
  });

  it('enforces a social block on direct messages from the blocked user', async () => {
    const tenant = uniqueName('mod-block');
    await publisher.publishUntyped([
      {
        event_type: 'social.block.applied',
        tenant_id: tenant,
        entity_id: 'b-1',
        actor: { id: 'alice', type: 'user' },
        payload: { block_id: 'b-1', blocker_id: 'alice', blocked_id: 'mallory', follows_removed: 0, applied_at: Date.now() },
      },
    ]);
    await eventually('the block to be stored', async () => ((await pool.query('SELECT 1 FROM moderation_blocks WHERE tenant_id = $1', [tenant])).rows.length === 1 ? true : undefined), WAIT);
    await publisher.publishUntyped([dm(tenant, 'bob', 'alice', 'hello alice')]);
    const [blocked] = await publisher.publishUntyped([dm(tenant, 'mallory', 'alice', 'hello again')]);
    expect(await waitForCase(tenant, 'blocked_sender')).toMatchObject({ event_id: blocked.event_id, decision: 'block', actor_id: 'mallory', details: { blocked_by: ['alice'] } });
    expect((await casesOf(tenant)).filter((c) => c.actor_id === 'bob')).toEqual([]);
  });

  it('lists and resolves a case with the CLI', async () => {
    const tenant = uniqueName('mod-cli');
    await publisher.publishUntyped([communityMessage(tenant, 'u-cli', 'scamcoin')]);
    const found = await waitForCase(tenant, 'blocked_term');
    const cli = (...args: string[]) => runCli(process.execPath, ['apps/cli/bin/eventline.js', 'moderation', ...args], { cwd: root, timeout: WAIT });
    const listed = await cli('cases', '--tenant', tenant, '--status', 'open');
    expect(listed.stdout).toContain(found.id);
    expect(listed.stdout).toContain('blocked_term');
    const resolved = await cli('resolve', found.id, '--by', 'moderator-1');
    expect(resolved.stdout).toContain(`Resolved moderation case ${found.id}`);
    expect((await casesOf(tenant))[0]).toMatchObject({ status: 'resolved', resolved_by: 'moderator-1' });
    expect((await cli('cases', '--tenant', tenant, '--status', 'open')).stdout).toContain('No moderation cases match.');
  });
});
