import type { KafkaPort, ProducerPort } from '@eventline/kafka-port';
import { toDeadLetter, type DeadLetter } from './dead-letter';
import { assertHolds, committedPosition, type DeadLetterTopic } from './dead-letter-topic';
import type { ReadOutcome } from '../ranges/read-ending';
import { readDeadLetters, throwawayRead, type ReadOptions, type ReadWindow } from './read-dead-letters';
import { redriveMessage } from './redrive-message';

export type RedriveTarget = { offset: bigint } | 'all';

export interface RedriveOutput {
  redriven(line: string): void;
  warning(line: string): void;
}

export interface RedriveResult {
  redriven: number;
  skipped: number;
  outcome: ReadOutcome;
}

/** The group whose committed offset on `<group>.dlq` marks how far `redrive --all` got. */
export const redriveGroup = (group: string) => `${group}.dlq-redrive`;

/**
 * Re-publishes dead letters to their original topics. `--all` resumes from the redrive group's
 * mark and commits each letter once its send is acknowledged, so a second run sends nothing
 * twice. A single `--offset` leaves the mark alone: the mark is one position, and moving it past
 * that offset would skip the letters before it.
 */
export async function redrive(kafka: KafkaPort, dlq: DeadLetterTopic, target: RedriveTarget, dryRun: boolean, output: RedriveOutput): Promise<RedriveResult> {
  const window = await windowFor(kafka, dlq, target);
  const tracked = target === 'all' && !dryRun;
  const options: ReadOptions = tracked ? { groupId: redriveGroup(dlq.group), commit: true } : throwawayRead();
  const producer = dryRun ? undefined : kafka.producer({ idempotent: true });
  const result: RedriveResult = { redriven: 0, skipped: 0, outcome: 'finished' };

  await producer?.connect();
  try {
    result.outcome = await readDeadLetters(kafka, window, options, async (message) => {
      const letter = toDeadLetter(message);
      if (await send(producer, letter, dlq.topic, output)) result.redriven += 1;
      else result.skipped += 1;
      return 'next';
    });
  } finally {
    await producer?.disconnect();
  }
  return result;
}

async function windowFor(kafka: KafkaPort, dlq: DeadLetterTopic, target: RedriveTarget): Promise<ReadWindow> {
  if (target !== 'all') {
    assertHolds(dlq, target.offset);
    return { topic: dlq.topic, from: target.offset, to: target.offset + 1n };
  }
  const mark = await committedPosition(kafka, redriveGroup(dlq.group), dlq.topic);
  // Retention may have deleted letters past an old mark: they are gone, start at the oldest kept.
  const from = mark === undefined || mark < dlq.oldest ? dlq.oldest : mark;
  return { topic: dlq.topic, from, to: dlq.end };
}

/** Sends one letter (or only says so when `producer` is absent: a dry run); false when it cannot be redriven. */
async function send(producer: ProducerPort | undefined, letter: DeadLetter, dlqTopic: string, output: RedriveOutput): Promise<boolean> {
  const from = `${dlqTopic}@${letter.dlqOffset}`;
  if (!letter.original) {
    // Never redrivable, so --all passes it (and marks it) rather than stopping there on every run.
    output.warning(`warning: ${from} has no dlq-original-topic header; skipped`);
    return false;
  }
  await producer?.send(letter.original.topic, [redriveMessage(letter, dlqTopic)]);
  const { topic, partition = '?', offset = '?' } = letter.original;
  output.redriven(`${from} → ${topic}  (failed at ${partition}@${offset} with ${letter.errorClass ?? 'an unknown error'}; key ${letter.message.key ?? '(none)'})`);
  return true;
}
