import { topicSize, uniqueName } from '@eventline/test-harness';
import { bearer, GatewayFixture } from './testing/gateway-fixture';
import { ticketAssigned, TICKETS_TOPIC } from './testing/ticket-assigned';

describe('POST /v1/events refuses bad input with 400/413 and publishes nothing', () => {
  const gateway = new GatewayFixture();
  let key: string;
  beforeAll(async () => {
    await gateway.start();
    key = await gateway.key();
  });
  afterAll(() => gateway.stop());

  const refused = async (body: unknown, status = 400) => {
    const before = await topicSize(gateway.kafka, TICKETS_TOPIC);
    const response = await gateway.post(body, bearer(key));
    expect(response.status).toBe(status);
    expect(response.body.request_id).toBe(response.headers.get('x-request-id'));
    expect(await topicSize(gateway.kafka, TICKETS_TOPIC)).toBe(before);
    return response.body;
  };

  const fieldErrors = async (event: unknown) => {
    const body = await refused(event);
    expect(body).toMatchObject({ error: 'invalid_events', events: [{ index: 0 }] });
    return body.events[0].errors as Array<{ field: string; reason: string }>;
  };

  const event = ticketAssigned('acme');

  it('an unknown event type', async () => {
    expect(await fieldErrors({ ...event, event_type: 'TICKET_TELEPORTED' })).toEqual([{ field: 'event_type', reason: 'unknown event type "TICKET_TELEPORTED" (not in the catalog)' }]);
  });

  it('a missing tenant', async () => {
    const { tenant_id: _, ...withoutTenant } = event;
    expect(await fieldErrors(withoutTenant)).toContainEqual({ field: 'tenant_id', reason: expect.stringMatching(/is required/) });
  });

  it('a field of the wrong type', async () => {
    const errors = await fieldErrors({ ...event, payload: { ...event.payload, newAssigneeId: 42 } });
    expect(errors).toEqual([{ field: 'payload.newAssigneeId', reason: 'expected string, got number 42' }]);
  });

  it('an instant that is not one', async () => {
    const errors = await fieldErrors({ ...event, payload: { ...event.payload, assignedAt: 'yesterday-ish' } });
    expect(errors).toEqual([{ field: 'payload.assignedAt', reason: expect.stringMatching(/not an ISO-8601 instant/) }]);
  });

  it('text the stores cannot hold, an event_id that is no UUID, and an occurred_at in seconds', async () => {
    const errors = await fieldErrors({ ...event, event_id: 'evt-1', occurred_at: 1_790_000_000, entity_id: 'T-\u0000', payload: { ...event.payload, ticketId: 'T-\uD83D' } });
    expect(errors).toEqual([
      { field: 'event_id', reason: '"evt-1" is not a UUID (8-4-4-4-12 hex digits)' },
      { field: 'entity_id', reason: expect.stringMatching(/^holds a NUL character/) },
      { field: 'payload.ticketId', reason: expect.stringMatching(/^holds an unpaired UTF-16 surrogate/) },
      { field: 'occurred_at', reason: expect.stringMatching(/more than 1 year before now \(epoch seconds\? it takes milliseconds\)$/) },
    ]);
  });

  it('a missing required field', async () => {
    const { actorUserId: _, ...payload } = event.payload;
    expect(await fieldErrors({ ...event, payload })).toEqual([{ field: 'payload.actorUserId', reason: 'is required (string)' }]);
  });

  it('a top-level field events do not have', async () => {
    const errors = await fieldErrors({ ...event, correlationId: 'c-1' });
    expect(errors).toEqual([{ field: 'correlationId', reason: expect.stringMatching(/^is not a field of an event/) }]);
  });

  it('a batch with one invalid event: its index and fields, and none of the batch published', async () => {
    const tenant = uniqueName('gw-invalid-batch');
    const bad = { ...ticketAssigned(tenant, 'T-2'), payload: { ticketId: 'T-2' } };
    const body = await refused({ events: [ticketAssigned(tenant, 'T-1'), bad, ticketAssigned(tenant, 'T-3')] });
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ index: 1, event_type: 'TICKET_ASSIGNED' });
    expect(body.events[0].errors.map((e: { field: string }) => e.field).sort()).toEqual(['payload.actorUserId', 'payload.assignedAt', 'payload.newAssigneeId', 'payload.newAssigneeType']);
  });

  it('a body that is not JSON: invalid_json, as JSON', async () => {
    const body = await refused('{"event_type": "TICKET_ASSIGNED",');
    expect(body).toMatchObject({ error: 'invalid_json', message: expect.stringMatching(/^The request body is not valid JSON/) });
  });

  it('a body that is not an event, an array or a batch', async () => {
    expect(await refused('"TICKET_ASSIGNED"')).toMatchObject({ error: 'invalid_body' });
    expect(await refused({ events: {} })).toMatchObject({ error: 'invalid_body', message: '"events" must be an array of event objects.' });
    expect(await refused([])).toMatchObject({ error: 'invalid_body', message: 'The request carries no events.' });
    expect(await refused([event, 'T-2'])).toMatchObject({ error: 'invalid_events', events: [{ index: 1, errors: [{ field: '', reason: 'must be a JSON object' }] }] });
  });

  it('more than 500 events', async () => {
    const body = await refused({ events: Array.from({ length: 501 }, (_, i) => ticketAssigned('acme', `T-${i}`)) });
    expect(body).toMatchObject({ error: 'batch_too_large', max_events: 500, received: 501 });
  });

  it('a body over the limit: 413, as JSON', async () => {
    const huge = { ...event, payload: { ...event.payload, ticketId: 'x'.repeat(1_100_000) } };
    expect(await refused(huge, 413)).toMatchObject({ error: 'payload_too_large', limit_bytes: 1_048_576 });
  });
});
