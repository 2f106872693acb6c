import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_KEY_CACHE_TTL_MS } from '@eventline/api-keys';
import { topicSize, uniqueName } from '@eventline/test-harness';
import { bearer, GatewayFixture } from './testing/gateway-fixture';
import { ticketAssigned, TICKETS_TOPIC } from './testing/ticket-assigned';

describe('POST /v1/events authenticates the key and authorizes every event', () => {
  const gateway = new GatewayFixture();
  beforeAll(() => gateway.start());
  afterAll(() => gateway.stop());

  const refusedWithoutPublishing = async (body: unknown, headers: Record<string, string>, status: number) => {
    const before = await topicSize(gateway.kafka, TICKETS_TOPIC);
    const response = await gateway.post(body, headers);
    expect(response.status).toBe(status);
    expect(await topicSize(gateway.kafka, TICKETS_TOPIC)).toBe(before);
    return response.body;
  };

  describe('401', () => {
    it('without a key', async () => {
      const body = await refusedWithoutPublishing(ticketAssigned('acme'), {}, 401);
      expect(body).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('No API key'), request_id: expect.any(String) });
    });

    it('with a key nobody issued', async () => {
      const body = await refusedWithoutPublishing(ticketAssigned('acme'), bearer('evl_not-a-real-key'), 401);
      expect(body).toMatchObject({ error: 'unauthorized', message: 'The API key is unknown or has been revoked.' });
    });

    it('with a revoked key', async () => {
      const { key, plaintext } = await gateway.keys.create({ name: uniqueName('revoked'), tenantIds: ['*'], eventTypes: ['*'] });
      await gateway.keys.revoke(key.id);
      const body = await refusedWithoutPublishing(ticketAssigned('acme'), { 'x-api-key': plaintext }, 401);
      expect(body.error).toBe('unauthorized');
    });

    it('with a key revoked while in use, within the key cache TTL plus a margin', async () => {
      const { key, plaintext } = await gateway.keys.create({ name: uniqueName('revoked-in-use'), tenantIds: ['*'], eventTypes: ['*'] });
      expect((await gateway.post(ticketAssigned('acme'), bearer(plaintext))).status).toBe(202);
      await gateway.keys.revoke(key.id);
      const revokedAt = Date.now();
      let status = 202;
      while (status !== 401 && Date.now() - revokedAt < DEFAULT_KEY_CACHE_TTL_MS + 1_000) {
        status = (await gateway.post(ticketAssigned('acme'), bearer(plaintext))).status;
        if (status !== 401) await sleep(50);
      }
      expect(status).toBe(401);
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(DEFAULT_KEY_CACHE_TTL_MS + 500);
    });
  });

  describe('403, naming the event, its tenant and type', () => {
    it('for a key of another tenant', async () => {
      const key = await gateway.key({ tenantIds: ['acme'], eventTypes: ['*'] });
      const body = await refusedWithoutPublishing(ticketAssigned('globex'), bearer(key), 403);
      expect(body).toMatchObject({
        error: 'forbidden',
        events: [{ index: 0, tenant_id: 'globex', event_type: 'TICKET_ASSIGNED', reason: 'the key does not allow tenant "globex"' }],
      });
    });

    it("for an event type outside the key's scope", async () => {
      const key = await gateway.key({ tenantIds: ['acme'], eventTypes: ['community.*', 'TICKET_CLOSED'] });
      const body = await refusedWithoutPublishing(ticketAssigned('acme'), bearer(key), 403);
      expect(body.events).toEqual([{ index: 0, tenant_id: 'acme', event_type: 'TICKET_ASSIGNED', reason: 'the key does not allow event type "TICKET_ASSIGNED"' }]);
    });

    it('for a read-only key, naming the scope it lacks', async () => {
      const { plaintext } = await gateway.keys.create({ name: uniqueName('read-only'), tenantIds: ['acme'], eventTypes: [], scopes: ['read'] });
      const body = await refusedWithoutPublishing(ticketAssigned('acme'), bearer(plaintext), 403);
      expect(body).toMatchObject({ error: 'forbidden', message: 'The API key has the scope(s) read; publishing needs the publish scope.' });
    });

    it('for one event of a batch, publishing none of it', async () => {
      const key = await gateway.key({ tenantIds: ['acme'], eventTypes: ['TICKET_*'] });
      const body = await refusedWithoutPublishing({ events: [ticketAssigned('acme', 'T-1'), ticketAssigned('globex', 'T-2'), ticketAssigned('acme', 'T-3')] }, bearer(key), 403);
      expect(body.events.map((e: { index: number }) => e.index)).toEqual([1]);
    });
  });
});
