export { SchemaRegistryClient } from './registry-client';
export type { AvroSchema } from './registry-client';
export { COMPATIBILITY_LEVELS, asCompatibilityLevel } from './compatibility';
export type { CompatibilityLevel } from './compatibility';
export { RegistryHttpError } from './registry-http';
export { toWireFormat, encodeWireFormat, parseWireFormat, WireFormatError, type AvroEncoder } from './wire-format';
