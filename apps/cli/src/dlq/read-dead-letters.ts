import { randomUUID } from 'node:crypto';
import type { IncomingMessage, KafkaPort } from '@eventline/kafka-port';
import { CliError } from '../errors';
import { DLQ_PARTITION } from './dead-letter-topic';
import { ReadEnding, type ReadOutcome } from '../ranges/read-ending';

export interface ReadWindow {
  topic: string;
  /** First offset to visit. */
  from: bigint;
  /** Offset to stop before: the topic's end when the command started, so reading terminates. */
  to: bigint;
}

export interface ReadOptions {
  groupId: string;
  /** Commit each visited offset once its visit resolved: the group then marks what was handled. */
  commit: boolean;
}

/** What a visit wants next; `stop` ends the read early (e.g. --max reached). */
export type Visit = (message: IncomingMessage) => Promise<'next' | 'stop'>;

/** For reads that must not move anyone's position or leave offsets behind (list, show, dry runs). */
export const throwawayRead = (): ReadOptions => ({ groupId: `eventline-dlq-${randomUUID()}`, commit: false });

/**
 * Visits the dead letters in [from, to) one at a time, in offset order. The consumer never commits
 * on its own: only `commit` does, after each visit, so a visit that produced something is marked
 * exactly when its send was acknowledged. Ctrl-C stops after the message in hand for the same reason.
 */
export async function readDeadLetters(kafka: KafkaPort, window: ReadWindow, options: ReadOptions, visit: Visit): Promise<ReadOutcome> {
  if (window.from >= window.to) return 'finished';
  const consumer = kafka.consumer({ groupId: options.groupId, fromBeginning: true, autoCommit: false });
  const { topic } = window;
  const ending = new ReadEnding();
  await consumer.connect();
  try {
    return await ending.listening(async () => {
      // Start where the window starts, not where the group or the topic would: skips what --offset does not need.
      consumer.onAssigned((assignment) => {
        const mine = assignment.some((a) => a.topic === topic && a.partitions.includes(DLQ_PARTITION));
        if (mine) consumer.seek({ topic, partition: DLQ_PARTITION, offset: String(window.from) });
        else ending.end('finished', new CliError(`another member of consumer group ${options.groupId} holds ${topic}; is a second redrive running?`));
      });
      await consumer.subscribe([topic]);
      // Errors are caught here, not thrown to the consumer: kafkajs would retry the batch and visit (re-send) it twice.
      await consumer.run(async (batch) => {
        for (const message of batch.messages) {
          if (ending.outcome !== undefined) return;
          const offset = BigInt(message.offset);
          if (offset < window.from) continue;
          if (offset >= window.to) return ending.end('finished');
          try {
            const next = await visit(message);
            if (options.commit) await consumer.commitOffsets([{ topic, partition: DLQ_PARTITION, offset: String(offset + 1n) }]);
            if (next === 'stop' || offset + 1n >= window.to) return ending.end('finished');
          } catch (error) {
            return ending.end('finished', error);
          }
        }
      });
    });
  } finally {
    // Outside the handler: a consumer cannot disconnect from inside its own batch.
    await consumer.disconnect();
  }
}
