import type { AvroSchema } from './types';

export interface FieldInfo {
  /** Dotted path below the payload, e.g. `items[].product_id`. */
  path: string;
  type: string;
  doc: string;
  pii: boolean;
  optional: boolean;
}

/** Flattens a payload record into one row per field, nested records included, for catalogs and audit scrubbing. */
export function describeFields(record: AvroSchema, prefix = ''): FieldInfo[] {
  return ((record.fields as AvroSchema[] | undefined) ?? []).flatMap((field) => {
    const path = `${prefix}${String(field.name)}`;
    const row: FieldInfo = {
      path,
      type: typeLabel(field.type),
      doc: String(field.doc ?? ''),
      pii: field.pii === true,
      optional: Array.isArray(field.type) && field.type.includes('null'),
    };
    return [row, ...nested(field.type, path)];
  });
}

function nested(type: unknown, path: string): FieldInfo[] {
  if (Array.isArray(type)) return type.flatMap((branch) => nested(branch, path));
  if (type === null || typeof type !== 'object') return [];
  const node = type as AvroSchema;
  if (node.type === 'record') return describeFields(node, `${path}.`);
  if (node.type === 'array') return nested(node.items, `${path}[]`);
  if (node.type === 'map') return nested(node.values, `${path}{}`);
  return [];
}

export function typeLabel(type: unknown): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type))
    return (
      type
        .map(typeLabel)
        .filter((t) => t !== 'null')
        .join(' | ') + (type.includes('null') ? '?' : '')
    );
  const node = type as AvroSchema;
  if (node.logicalType) return String(node.logicalType);
  if (node.type === 'array') return `array<${typeLabel(node.items)}>`;
  if (node.type === 'map') return `map<${typeLabel(node.values)}>`;
  if (node.type === 'record') return String(node.name);
  return String(node.type);
}
