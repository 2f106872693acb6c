import { IS_CONTROL, type KafkaRecord, type RecordsBatch } from '@platformatic/kafka';
import type { Headers, IncomingMessage } from '../../types';

export interface DecodedPartition {
  messages: IncomingMessage[];
  /** The offset after the last record of the last batch, control batches included: where the next fetch starts. */
  nextOffset: bigint;
}

/**
 * A partition's record batches as the port's messages, all of them at once (no per-message
 * stream). Control batches (transaction markers) are skipped but still move the position on, and
 * records before `fromOffset` are dropped: a compressed batch is returned whole from its start.
 */
export function decodePartition(topic: string, partition: number, batches: RecordsBatch[], fromOffset: bigint): DecodedPartition {
  const messages: IncomingMessage[] = [];
  let nextOffset = fromOffset;
  for (const batch of batches) {
    const end = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
    if (end > nextOffset) nextOffset = end;
    if ((batch.attributes & IS_CONTROL) !== 0) continue;
    const firstTimestamp = Number(batch.firstTimestamp);
    for (const record of batch.records) {
      const offset = batch.firstOffset + BigInt(record.offsetDelta);
      if (offset < fromOffset) continue;
      messages.push(incoming(topic, partition, offset, firstTimestamp + Number(record.timestampDelta), record));
    }
  }
  return { messages, nextOffset };
}

function incoming(topic: string, partition: number, offset: bigint, timestamp: number, record: KafkaRecord): IncomingMessage {
  return {
    topic,
    partition,
    offset: offset.toString(),
    key: record.key ? record.key.toString() : null,
    value: record.value ?? null,
    headers: decodeHeaders(record.headers),
    timestamp,
  };
}

/** A header sent twice keeps its first value, as the kafkajs adapter does. */
function decodeHeaders(raw: [Buffer | null, Buffer | null][]): Headers {
  const headers: Headers = {};
  for (const [name, value] of raw) {
    const key = name?.toString() ?? '';
    if (!(key in headers)) headers[key] = value?.toString() ?? '';
  }
  return headers;
}
