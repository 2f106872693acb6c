import { Type } from 'avsc';
import type { Catalog } from '@eventline/contracts';
import type { IncomingMessage } from '@eventline/kafka-port';
import { RegistryHttpError, toWireFormat, type SchemaRegistryClient } from '@eventline/schema-registry';
import type { BatchContext } from '../context';
import { EventDecoder } from '../decode/event-decoder';
import { decodeEvents } from './decode';

/** An older writer version of a contract: the reader (the catalog's) adds `priority` with a default. */
const WRITER = {
  type: 'record',
  name: 'TicketAssigned',
  namespace: 'spec.tickets',
  fields: [
    { name: 'event_type', type: 'string' },
    { name: 'event_id', type: 'string' },
    { name: 'tenant_id', type: 'string' },
    { name: 'payload', type: { type: 'record', name: 'Payload', fields: [{ name: 'assignee', type: 'string' }] } },
  ],
};
const READER = {
  ...WRITER,
  fields: [
    ...WRITER.fields.slice(0, 3),
    {
      name: 'payload',
      type: {
        type: 'record',
        name: 'Payload',
        fields: [
          { name: 'assignee', type: 'string' },
          { name: 'priority', type: 'string', default: 'normal' },
        ],
      },
    },
  ],
};
const WRITER_ID = 41;
const catalog = { events: [{ eventType: 'TICKET_ASSIGNED', fullName: 'spec.tickets.TicketAssigned', schema: READER }] } as unknown as Catalog;

/** The registry client's lookup by id, the only call the decoder makes: a known id, an unknown one (404), and an outage (503). */
function fakeRegistry(calls: number[]): SchemaRegistryClient {
  return {
    schemaById: async (id: number) => {
      calls.push(id);
      if (id === WRITER_ID) return WRITER;
      if (id === 503) throw new RegistryHttpError(503, `/schemas/ids/${id}`, 'unavailable');
      throw new RegistryHttpError(404, `/schemas/ids/${id}`, 'Schema not found');
    },
  } as unknown as SchemaRegistryClient;
}

const encoded = (eventId: string, schemaId = WRITER_ID) =>
  toWireFormat(schemaId, Type.forSchema(WRITER as never).toBuffer({ event_type: 'TICKET_ASSIGNED', event_id: eventId, tenant_id: 'tenant-a', payload: { assignee: 'u-7' } }));

const message = (offset: number, value: Buffer | null): IncomingMessage => ({ topic: 'tickets', partition: 0, offset: String(offset), key: 'tenant-a', value, headers: {}, timestamp: 0 });

function batch(values: Array<Buffer | null>): BatchContext {
  return {
    group: 'g',
    topic: 'tickets',
    partition: 0,
    messages: values.map((value, i) => message(i, value)),
    nextOffset: String(values.length),
    highWatermark: '9',
    events: [],
    deadLetters: [],
    heartbeat: async () => undefined,
  };
}

describe('decodeEvents middleware', () => {
  it("decodes each message with its writer's schema into the catalog's reader shape, in order, asking the registry once per schema id", async () => {
    const calls: number[] = [];
    const context = batch([encoded('e-1'), encoded('e-2')]);
    let handed: BatchContext['events'] = [];
    await decodeEvents(new EventDecoder(fakeRegistry(calls), catalog))(context, async () => void (handed = context.events));

    expect(handed.map((e) => [e.eventType, e.eventId, e.tenantId, e.schemaId, e.message.offset])).toEqual([
      ['TICKET_ASSIGNED', 'e-1', 'tenant-a', WRITER_ID, '0'],
      ['TICKET_ASSIGNED', 'e-2', 'tenant-a', WRITER_ID, '1'],
    ]);
    expect(handed[0].envelope).toMatchObject({ payload: { assignee: 'u-7', priority: 'normal' } });
    expect(calls).toEqual([WRITER_ID]);
    expect(context.deadLetters).toEqual([]);
  });

  it('turns bytes no schema can read into dead letters, naming why, and hands the rest on', async () => {
    const context = batch([Buffer.from('{"json":true}'), encoded('e-2', 77), null, encoded('e-4'), encoded('e-5').subarray(0, 8)]);
    let handed: string[] = [];
    await decodeEvents(new EventDecoder(fakeRegistry([]), catalog))(context, async () => void (handed = context.events.map((e) => e.eventId)));

    expect(handed).toEqual(['e-4']);
    expect(context.deadLetters.map((l) => [l.message.offset, l.errorClass])).toEqual([
      ['0', 'UndecodableMessageError'],
      ['1', 'UnknownSchemaError'],
      ['2', 'UndecodableMessageError'],
      ['4', 'UndecodableMessageError'],
    ]);
    expect(context.deadLetters.map((l) => l.reason)).toEqual([
      expect.stringMatching(/magic byte/),
      'schema id 77 is not known to the registry',
      'the message has no value',
      expect.stringMatching(/does not match schema 41/),
    ]);
  });

  it('fails the batch, without a dead letter or the handler, while the registry is unavailable', async () => {
    const context = batch([encoded('e-1'), encoded('e-2', 503)]);
    let called = false;
    await expect(decodeEvents(new EventDecoder(fakeRegistry([]), catalog))(context, async () => void (called = true))).rejects.toMatchObject({ name: 'RegistryHttpError', status: 503 });
    expect(called).toBe(false);
    expect(context.deadLetters).toEqual([]);
  });
});
