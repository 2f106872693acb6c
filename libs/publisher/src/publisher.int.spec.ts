import { createKafkaPort, type KafkaPort } from '@eventline/kafka-port';
import { parseWireFormat, SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { readTopic, readTopicFrom, topicEnd, topicSize, uniqueName } from '@eventline/test-harness';
import { BatchValidationError, EventValidationError, Publisher, type UntypedEventInput } from './index';

const TOPIC = 'tickets.events.v1';

function assigned(tenant: string, ticketId: string) {
  return {
    event_type: 'TICKET_ASSIGNED' as const,
    tenant_id: tenant,
    entity_id: ticketId,
    actor: { id: 'agent-7', type: 'user' as const },
    payload: { ticketId, newAssigneeId: 'agent-9', newAssigneeType: 'user', actorUserId: 'agent-7', assignedAt: Date.parse('2026-11-25T10:00:00Z') },
  };
}

describe('publisher SDK against the real stack', () => {
  const endpoints = loadStackEndpoints();
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  let kafka: KafkaPort;
  let publisher: Publisher;

  beforeAll(async () => {
    kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'publisher-test' });
    publisher = new Publisher({ kafka, registry, source: 'publisher-test' });
    await publisher.connect();
  });
  afterAll(() => publisher.close());

  it('publishes a valid event keyed by tenant, with headers and the Confluent wire format', async () => {
    const tenant = uniqueName('tenant');
    const result = await publisher.publish({ ...assigned(tenant, 'T-1'), traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    expect(result).toEqual({ event_id: expect.stringMatching(/^[0-9a-f-]{36}$/), event_type: 'TICKET_ASSIGNED', topic: TOPIC });

    const [message] = await readTopic(kafka, TOPIC, 1, (m) => m.key === tenant);
    expect(message.headers).toEqual({
      event_type: 'TICKET_ASSIGNED',
      event_id: result.event_id,
      tenant_id: tenant,
      'content-type': 'application/vnd.eventline.event+avro; wire=confluent',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    const subject = 'tickets.events.v1-dev.eventline.tickets.TicketAssigned';
    expect(parseWireFormat(message.value!).schemaId).toBe(await registry.latestSchemaId(subject));

    const decoded = (await registry.decode(message.value!)) as Record<string, unknown>;
    expect(decoded).toMatchObject({
      event_id: result.event_id,
      event_type: 'TICKET_ASSIGNED',
      tenant_id: tenant,
      entity_type: 'ticket',
      entity_id: 'T-1',
      source: 'publisher-test',
      // The registry's version of the contract: 1 on a fresh stack, later after the envelope evolved.
      schema_version: String(Math.max(...(await registry.versions(subject)))),
      actor: { id: 'agent-7', type: 'user' },
      correlation_id: null,
      payload: { ticketId: 'T-1', previousAssigneeId: null, previousAssigneeType: null, newAssigneeId: 'agent-9', assignedAt: Date.parse('2026-11-25T10:00:00Z') },
    });
    expect(Math.abs(Number(decoded.occurred_at) - Date.now())).toBeLessThan(60_000);
  });

  it("keeps one tenant's events in order", async () => {
    const tenant = uniqueName('ordered');
    const events = Array.from({ length: 40 }, (_, i) => assigned(tenant, `T-${i}`));
    await Promise.all([publisher.publishMany(events.slice(0, 20)), publisher.publishMany(events.slice(20))]);
    const messages = await readTopic(kafka, TOPIC, 40, (m) => m.key === tenant);
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
    const ids = await Promise.all(messages.map(async (m) => ((await registry.decode(m.value!)) as { entity_id: string }).entity_id));
    expect(ids).toEqual(events.map((e) => e.entity_id));
  });

  it("keeps each tenant's order when many publishes are queued while a send is in flight", async () => {
    const start = await topicEnd(kafka, TOPIC);
    const tenants = Array.from({ length: 8 }, () => uniqueName('busy'));
    const calls = Array.from({ length: 200 }, (_, call) => Array.from({ length: 5 }, (_, i) => assigned(tenants[(call + i) % tenants.length], `T-${call * 5 + i}`)));
    await Promise.all(calls.map((events) => publisher.publishMany(events)));
    const expected = calls.flat();
    const messages = await readTopicFrom(kafka, TOPIC, start, expected.length, (m) => tenants.includes(m.key ?? ''));
    for (const tenant of tenants) {
      const mine = messages.filter((m) => m.key === tenant);
      const ids = await Promise.all(mine.map(async (m) => ((await registry.decode(m.value!)) as { entity_id: string }).entity_id));
      expect(ids).toEqual(expected.filter((e) => e.tenant_id === tenant).map((e) => e.entity_id));
    }
  });

  it('asks the registry for a schema id once per event type, not per event', async () => {
    const fresh = new Publisher({ kafka, registry, source: 'publisher-test' });
    const lookups = jest.spyOn(registry, 'lookup');
    const tenant = uniqueName('cached');
    await fresh.publishMany(Array.from({ length: 25 }, (_, i) => assigned(tenant, `T-${i}`)));
    await fresh.publish(assigned(tenant, 'T-last'));
    await fresh.close();
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockRestore();
  });

  describe('bad input: a clear error naming the field, and nothing reaches Kafka', () => {
    const rejects = async (event: unknown, path: string, reason: RegExp) => {
      const before = await topicSize(kafka, TOPIC);
      const error = await publisher.publishUntyped([event as UntypedEventInput]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventValidationError);
      expect((error as EventValidationError).problems).toEqual(expect.arrayContaining([{ path, reason: expect.stringMatching(reason) }]));
      expect(await topicSize(kafka, TOPIC)).toBe(before);
    };

    it('an unknown event type', () => rejects({ ...assigned('t', 'T'), event_type: 'TICKET_TELEPORTED' }, 'event_type', /unknown event type "TICKET_TELEPORTED"/));

    it('a missing tenant', () => rejects({ ...assigned('t', 'T'), tenant_id: undefined }, 'tenant_id', /is required/));

    it('a field of the wrong type', () => {
      const event = assigned('t', 'T');
      return rejects({ ...event, payload: { ...event.payload, assignedAt: 'yesterday-ish' } }, 'payload.assignedAt', /not an ISO-8601 instant/);
    });

    it('a number where a string belongs', () => {
      const event = assigned('t', 'T');
      return rejects({ ...event, payload: { ...event.payload, newAssigneeId: 42 } }, 'payload.newAssigneeId', /expected string, got number 42/);
    });

    it('a missing required field', () => {
      const { newAssigneeId: _, ...payload } = assigned('t', 'T').payload;
      return rejects({ ...assigned('t', 'T'), payload }, 'payload.newAssigneeId', /is required \(string\)/);
    });

    it('a field the contract does not declare', () => {
      const event = assigned('t', 'T');
      return rejects({ ...event, payload: { ...event.payload, priority: 'high' } }, 'payload.priority', /is not a field of TicketAssignedPayload/);
    });

    it('a batch with one invalid event publishes none of it', async () => {
      const before = await topicSize(kafka, TOPIC);
      const good = assigned(uniqueName('batch'), 'T-1');
      const bad = { ...assigned('t', 'T-2'), payload: { ticketId: 'T-2' } };
      const error = await publisher.publishUntyped([good, bad as UntypedEventInput]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BatchValidationError);
      expect((error as BatchValidationError).failures.map((f) => f.index)).toEqual([1]);
      expect(await topicSize(kafka, TOPIC)).toBe(before);
    });
  });
});
