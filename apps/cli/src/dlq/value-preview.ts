import type { PiiOpener } from '@eventline/pii-sealing';
import { parseWireFormat, type SchemaRegistryClient } from '@eventline/schema-registry';
import { jsonSafe } from '../output/json-safe';

const PREVIEW_BYTES = 200;
const BYTES_PER_LINE = 16;

/**
 * A dead letter's value for a person: the decoded event when the registry can read it, else its
 * first bytes with the reason it could not be decoded (often the very reason it was dead-lettered).
 * Sealed personal data shows as `opener` shows it; when it cannot be opened (often the very reason
 * too), the value shows as published, with why.
 */
export async function describeValue(registry: SchemaRegistryClient, value: Buffer | null, opener?: PiiOpener): Promise<string> {
  if (value === null) return 'Value: none (null)';
  let schemaId: number;
  try {
    schemaId = parseWireFormat(value).schemaId;
  } catch (error) {
    return preview(value, `not in the Confluent wire format: ${(error as Error).message}`);
  }
  try {
    const decoded = (await registry.decode(value)) as Record<string, unknown>;
    const sealedNote = await opener?.open(decoded).then(
      () => '',
      (error: Error) => `, personal data not opened: ${error.message}`,
    );
    return [`Value (Avro, schema id ${schemaId}${sealedNote ?? ''}):`, JSON.stringify(decoded, jsonSafe, 2)].join('\n');
  } catch (error) {
    return preview(value, `schema id ${schemaId} could not decode it: ${(error as Error).message}`);
  }
}

function preview(value: Buffer, why: string): string {
  const head = value.subarray(0, PREVIEW_BYTES);
  const shown = head.length < value.length ? `first ${head.length} of ${value.length} bytes` : `${value.length} bytes`;
  const lines = [`Value (${shown}, not decoded: ${why}):`];
  const text = head.toString('utf8');
  // Text sent to the wrong topic (JSON, say) reads best as text; binary only as bytes.
  // eslint-disable-next-line no-control-regex -- control characters are what tells bytes from text
  if (!/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) lines.push(`  utf8  ${JSON.stringify(text)}`);
  for (let at = 0; at < head.length; at += BYTES_PER_LINE) {
    const bytes = [...head.subarray(at, at + BYTES_PER_LINE)];
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const ascii = bytes.map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`  ${at.toString(16).padStart(4, '0')}  ${hex.padEnd(BYTES_PER_LINE * 3 - 1)}  |${ascii}|`);
  }
  return lines.join('\n');
}
