import { Type } from 'avsc';
import { encodeWireFormat, parseWireFormat, toWireFormat } from './wire-format';

const type = Type.forSchema({
  type: 'record',
  name: 'Sample',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'n', type: 'long' },
  ],
});

describe('encodeWireFormat', () => {
  it('writes the same bytes as the header plus avsc’s own encoding', () => {
    const value = { id: 'évènement-1', n: 42 };
    expect(encodeWireFormat(7, type, value).equals(toWireFormat(7, type.toBuffer(value)))).toBe(true);
  });

  it('gives each message a buffer of its own, not a view of the scratch buffer', () => {
    const first = encodeWireFormat(1, type, { id: 'a', n: 1 });
    encodeWireFormat(1, type, { id: 'b', n: 2 });
    expect(type.fromBuffer(parseWireFormat(first).body)).toEqual({ id: 'a', n: 1 });
  });

  it('grows past its scratch buffer for a value larger than it', () => {
    const value = { id: 'x'.repeat(200_000), n: 3 };
    const message = encodeWireFormat(9, type, value);
    expect(parseWireFormat(message).schemaId).toBe(9);
    expect(type.fromBuffer(parseWireFormat(message).body)).toEqual(value);
  });
});
