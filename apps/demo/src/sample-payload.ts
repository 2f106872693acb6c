import type { AvroSchema } from '@eventline/contracts';

type Node = Record<string, unknown>;

/**
 * A plausible payload for any contract, from its schema alone: the demo can publish every kind of
 * event without a hand-written fixture per type. `overrides` set the fields a scenario cares about.
 */
export function samplePayload(record: AvroSchema, n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of record.fields as Node[]) {
    const name = String(field.name);
    payload[name] = name in overrides ? overrides[name] : sampleField(name, field.type, n);
  }
  return payload;
}

function sampleField(name: string, type: unknown, n: number): unknown {
  if (Array.isArray(type))
    return type[0] === 'null' && n % 3 !== 0
      ? null
      : sampleField(
          name,
          type.find((t) => t !== 'null'),
          n,
        );
  if (type !== null && typeof type === 'object') {
    const node = type as Node;
    if (node.logicalType === 'timestamp-millis') return Date.now() - (n % 600) * 1_000;
    if (node.type === 'array') return node.items === 'string' ? [`${singular(name)}-${n % 50}`] : [];
    if (node.type === 'record') return samplePayload(node, n);
    if (node.type === 'map') return {};
    return sampleField(name, node.type, n);
  }
  return samplePrimitive(name, String(type), n);
}

function samplePrimitive(name: string, type: string, n: number): unknown {
  const lower = name.toLowerCase();
  if (type === 'boolean') return n % 2 === 0;
  if (type === 'int' || type === 'long') return /token/.test(lower) ? 50 + ((n * 37) % 1_500) : /latency|duration|ms$/.test(lower) ? 200 + ((n * 13) % 2_000) : 1 + (n % 9);
  if (type === 'double' || type === 'float') return Math.round(((n % 100) / 100) * 100) / 100;
  if (/amount|price|total/.test(lower)) return `${(10 + (n % 90)).toFixed(2)}`;
  if (/currency/.test(lower)) return 'EUR';
  if (/email|recipient_email|^to$|^from$/.test(lower)) return `person${n % 40}@example.com`;
  if (/date$|_date|^date/.test(lower)) return '2026-11-25';
  if (/model/.test(lower)) return ['gpt-4', 'gpt-4o', 'claude-3'][n % 3];
  if (/status$/.test(lower)) return 'success';
  if (/id$|_id|ids$/.test(lower)) return `${singular(lower.replace(/_?ids?$/, '')) || 'id'}-${n % 200}`;
  return `${name} ${n}`;
}

const singular = (name: string) => name.replace(/ids?$/i, '').replace(/s$/, '');
