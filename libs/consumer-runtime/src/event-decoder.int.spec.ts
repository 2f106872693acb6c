import { Type } from 'avsc';
import { buildCatalog, loadCatalog, type AvroSchema } from '@eventline/contracts';
import { SchemaRegistryClient, toWireFormat } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { EventDecoder } from './decode/event-decoder';
import { UndecodableMessageError } from './errors';

const message = (value: Buffer | null) => ({ topic: 't', partition: 0, offset: '0', key: 'k', value, headers: {}, timestamp: 0 });

describe('event decoder against the real registry', () => {
  const registry = new SchemaRegistryClient(loadStackEndpoints().schemaRegistryUrl);
  const catalog = loadCatalog();

  it('reads data written with an older contract through a newer reader schema', async () => {
    const name = `V${uniqueName('x').replace(/-/g, '')}`;
    const v1: AvroSchema = {
      type: 'record',
      name,
      namespace: 'dev.eventline.test',
      fields: [
        { name: 'event_type', type: 'string' },
        { name: 'event_id', type: 'string' },
        { name: 'tenant_id', type: 'string' },
      ],
    };
    const v2: AvroSchema = { ...v1, fields: [...(v1.fields as AvroSchema[]), { name: 'note', type: ['null', 'string'], default: null }] };
    const id = await registry.register(`test-${name}`, v1);
    const decoder = new EventDecoder(registry, buildCatalog({ envelope: { file: '', json: {} }, domains: [], events: [] }), new Map([[`dev.eventline.test.${name}`, v2]]));
    const value = toWireFormat(id, Type.forSchema(v1 as never).toBuffer({ event_type: 'X', event_id: 'e1', tenant_id: 't1' }));
    const decoded = await decoder.decode(message(value));
    expect(decoded).toMatchObject({ eventType: 'X', eventId: 'e1', tenantId: 't1', schemaId: id, envelope: { note: null } });
  });

  it('classifies bytes it cannot read', async () => {
    const decoder = new EventDecoder(registry, catalog);
    await expect(decoder.decode(message(Buffer.from('plain text')))).rejects.toMatchObject({ kind: 'undecodable' });
    await expect(decoder.decode(message(null))).rejects.toBeInstanceOf(UndecodableMessageError);
    await expect(decoder.decode(message(toWireFormat(2_000_000_000, Buffer.from([1]))))).rejects.toMatchObject({ kind: 'unknown_schema' });
  });
});
