import { readTopic, uniqueName } from '@eventline/test-harness';
import { bearer, GatewayFixture } from './testing/gateway-fixture';
import { ticketAssigned, TICKETS_TOPIC } from './testing/ticket-assigned';

describe('POST /v1/events publishes to Kafka', () => {
  const gateway = new GatewayFixture();
  beforeAll(() => gateway.start());
  afterAll(() => gateway.stop());

  const decode = async (value: Buffer | null) => (await gateway.registry.decode(value!)) as Record<string, any>;

  it('accepts one event: 202 with its id, on its topic keyed by tenant, decodable with the registry', async () => {
    const tenant = uniqueName('gw-one');
    const key = await gateway.key({ tenantIds: [tenant], eventTypes: ['TICKET_*'] });

    const response = await gateway.post(ticketAssigned(tenant, 'T-7'), bearer(key));

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 1, event_ids: [expect.stringMatching(/^[0-9a-f-]{36}$/)] });
    const [message] = await readTopic(gateway.kafka, TICKETS_TOPIC, 1, (m) => m.key === tenant);
    expect(message.headers).toMatchObject({ event_type: 'TICKET_ASSIGNED', tenant_id: tenant, event_id: response.body.event_ids[0] });
    expect(await decode(message.value)).toMatchObject({
      event_id: response.body.event_ids[0],
      event_type: 'TICKET_ASSIGNED',
      tenant_id: tenant,
      entity_type: 'ticket',
      entity_id: 'T-7',
      source: 'ingest-gateway',
      actor: { id: 'agent-7', type: 'user' },
      occurred_at: Date.parse('2026-11-25T10:00:00Z'),
      payload: { ticketId: 'T-7', previousAssigneeId: null, newAssigneeId: 'agent-9', assignedAt: Date.parse('2026-11-25T10:00:00Z') },
    });
  });

  it('accepts a batch as {"events": [...]} with X-API-Key: every event published, in order, ids in request order', async () => {
    const tenant = uniqueName('gw-batch');
    const key = await gateway.key({ tenantIds: [tenant], eventTypes: ['TICKET_ASSIGNED'] });
    const events = ['T-1', 'T-2', 'T-3'].map((id) => ({ ...ticketAssigned(tenant, id), occurred_at: 1_790_000_000_000 }));

    const response = await gateway.post({ events }, { 'x-api-key': key });

    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(3);
    const messages = await readTopic(gateway.kafka, TICKETS_TOPIC, 3, (m) => m.key === tenant);
    const decoded = await Promise.all(messages.map((m) => decode(m.value)));
    expect(decoded.map((e) => e.event_id)).toEqual(response.body.event_ids);
    expect(decoded.map((e) => e.entity_id)).toEqual(['T-1', 'T-2', 'T-3']);
    expect(decoded.map((e) => e.occurred_at)).toEqual([1_790_000_000_000, 1_790_000_000_000, 1_790_000_000_000]);
  });

  it('accepts a top-level JSON array, and keeps an event_id the client chose', async () => {
    const tenant = uniqueName('gw-array');
    const key = await gateway.key({ tenantIds: [tenant] });
    const eventId = '6f1f8a3e-3c0e-4a47-9d8e-0a5f3b0c2d11';

    const response = await gateway.post([{ ...ticketAssigned(tenant), event_id: eventId }, ticketAssigned(tenant, 'T-2')], bearer(key));

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 2, event_ids: [eventId, expect.any(String)] });
    const messages = await readTopic(gateway.kafka, TICKETS_TOPIC, 2, (m) => m.key === tenant);
    expect(messages.map((m) => m.headers.event_id)).toEqual(response.body.event_ids);
  });
});
