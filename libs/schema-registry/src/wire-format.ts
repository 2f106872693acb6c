/** Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian integer, then the Avro body. */
const MAGIC_BYTE = 0;
const HEADER_BYTES = 5;

export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

export function toWireFormat(schemaId: number, avroBody: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, avroBody]);
}

export function parseWireFormat(message: Buffer): { schemaId: number; body: Buffer } {
  if (message.length < HEADER_BYTES) throw new WireFormatError(`message of ${message.length} bytes is too short for the Confluent wire format`);
  if (message.readUInt8(0) !== MAGIC_BYTE) throw new WireFormatError(`unknown magic byte ${message.readUInt8(0)}; expected ${MAGIC_BYTE}`);
  return { schemaId: message.readInt32BE(1), body: message.subarray(HEADER_BYTES) };
}
