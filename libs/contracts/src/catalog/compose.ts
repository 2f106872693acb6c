import type { AvroSchema } from './types';

const ENVELOPE_NAMESPACE_KEY = 'namespace';

/**
 * The registered record for one event: the envelope's fields, then `payload` typed by the
 * authored record (renamed `<Name>Payload`). Catalog metadata is left out, so re-titling an
 * event in the catalog never creates a new schema version.
 */
export function composeEventSchema(envelope: AvroSchema, payload: AvroSchema): AvroSchema {
  const { eventline: _metadata, ...payloadRecord } = payload;
  const envelopeNamespace = String(envelope[ENVELOPE_NAMESPACE_KEY]);
  return {
    type: 'record',
    name: payload.name,
    namespace: payload.namespace,
    doc: payload.doc,
    fields: [
      ...(envelope.fields as AvroSchema[]).map((field) => qualifyNamedTypes(field, envelopeNamespace)),
      { name: 'payload', doc: 'The event-specific data.', type: { ...payloadRecord, name: `${String(payload.name)}Payload` } },
    ],
  };
}

/** Pins the envelope's own named types (Actor, ModelInfo) to its namespace wherever they are spliced. */
function qualifyNamedTypes<T>(node: T, namespace: string): T {
  if (Array.isArray(node)) return node.map((item) => qualifyNamedTypes(item, namespace)) as T;
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = qualifyNamedTypes(value, namespace);
  const isNamed = ['record', 'enum', 'fixed'].includes(String(copy.type)) && typeof copy.name === 'string';
  if (isNamed && copy.namespace === undefined && !String(copy.name).includes('.')) copy.namespace = namespace;
  return copy as T;
}
