import { randomUUID } from 'node:crypto';
import type { IncomingMessage, KafkaPort } from '@eventline/kafka-port';
import { rangeKey, rangeSize, type PartitionRange } from './partition-range';
import { ReadEnding, type ReadOutcome } from './read-ending';

export type RangeVisit = (messages: IncomingMessage[]) => Promise<void>;

/**
 * Visits every message of the ranges, each partition in offset order, one batch at a time, and
 * ends when every range has reached its end (fixed by the caller, so the read terminates while
 * producers go on). The consumer group is throwaway and commits nothing: reading moves nobody's
 * position. Ctrl-C ends it after the batch in hand. With `partitionsConcurrently` above 1, visits
 * of different partitions overlap (each partition stays in order). A rebalance resumes each
 * partition where its visits had got to, and a consumer that gives up ends the read with its error.
 */
export async function readRanges(kafka: KafkaPort, ranges: PartitionRange[], visit: RangeVisit, options: { partitionsConcurrently?: number } = {}): Promise<ReadOutcome> {
  const open = new Map(ranges.filter((r) => rangeSize(r) > 0n).map((r) => [rangeKey(r.topic, r.partition), r]));
  if (open.size === 0) return 'finished';
  const next = new Map([...open].map(([key, range]) => [key, range.start]));
  const consumer = kafka.consumer({ groupId: `eventline-read-${randomUUID()}`, fromBeginning: true, autoCommit: false, partitionsConcurrently: options.partitionsConcurrently });
  const ending = new ReadEnding();
  await consumer.connect();
  try {
    return await ending.listening(async () => {
      consumer.onCrash((error) => ending.end('finished', error));
      consumer.onAssigned((assignment) => {
        for (const { topic, partitions } of assignment) {
          for (const partition of partitions) {
            const key = rangeKey(topic, partition);
            if (open.has(key)) consumer.seek({ topic, partition, offset: String(next.get(key)) });
          }
        }
      });
      await consumer.subscribe([...new Set(ranges.map((r) => r.topic))]);
      // Errors end the read here rather than reaching the consumer, which would retry the batch.
      await consumer.run(async (batch) => {
        const key = rangeKey(batch.topic, batch.partition);
        const range = open.get(key);
        if (!range || ending.outcome !== undefined) return;
        const from = next.get(key)!;
        const inRange = batch.messages.filter((m) => BigInt(m.offset) >= from && BigInt(m.offset) < range.end);
        try {
          if (inRange.length > 0) await visit(inRange);
          await batch.heartbeat();
        } catch (error) {
          return ending.end('finished', error);
        }
        const last = batch.messages.at(-1);
        if (last) next.set(key, BigInt(last.offset) + 1n);
        if (last && BigInt(last.offset) + 1n >= range.end) {
          open.delete(key);
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
          if (open.size === 0) ending.end('finished');
        }
      });
    });
  } finally {
    // Outside the handler: a consumer cannot disconnect from inside its own batch.
    await consumer.disconnect();
  }
}
