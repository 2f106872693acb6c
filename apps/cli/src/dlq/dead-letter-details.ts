import type { PiiOpener } from '@eventline/pii-sealing';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import type { DeadLetter } from './dead-letter';
import { describeValue } from './value-preview';

/** `dlq show`'s text: where the letter is, every header as stored, then the value. */
export async function deadLetterDetails(registry: SchemaRegistryClient, topic: string, letter: DeadLetter, opener?: PiiOpener): Promise<string> {
  const { key, timestamp, headers } = letter.message;
  const width = Math.max(0, ...Object.keys(headers).map((name) => name.length));
  return [
    `Dead letter ${topic}@${letter.dlqOffset}`,
    `  key        ${key ?? '(none)'}`,
    `  timestamp  ${new Date(timestamp).toISOString()}`,
    '',
    'Headers:',
    ...(width === 0 ? ['  (none)'] : Object.entries(headers).map(([name, value]) => `  ${name.padEnd(width)}  ${value}`)),
    '',
    await describeValue(registry, letter.message.value, opener),
  ].join('\n');
}
