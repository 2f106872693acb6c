import { deadLetterTopic } from '@eventline/consumer-runtime';
import { withAdmin, type KafkaPort } from '@eventline/kafka-port';
import { CliError } from '../errors';

/**
 * The consumer runtime creates every `<group>.dlq` with one partition, so a dead letter is named by
 * its offset alone. Offsets are contiguous there (an idempotent, non-transactional producer and
 * delete-only retention), so `end - oldest` is the number of dead letters retained.
 */
export const DLQ_PARTITION = 0;

export interface DeadLetterTopic {
  group: string;
  topic: string;
  /** The oldest retained offset (equal to `end` when the topic holds nothing). */
  oldest: bigint;
  /** The offset the next dead letter will get: reading stops here. */
  end: bigint;
}

/** Finds `<group>.dlq` and where its dead letters start and end right now. */
export async function openDeadLetterTopic(kafka: KafkaPort, group: string): Promise<DeadLetterTopic> {
  return withAdmin(kafka, async (admin) => {
    const topic = deadLetterTopic(group);
    if (!(await admin.listTopics()).includes(topic)) {
      throw new CliError(`no dead-letter topic ${topic}: no consumer of group "${group}" has run here (is the group name right?)`);
    }
    const ends = await admin.endOffsets(topic);
    if (ends.length !== 1) throw new CliError(`${topic} has ${ends.length} partitions; dead-letter topics have one, so offsets alone would be ambiguous`);
    // The first offset stamped at or after the epoch is the oldest retained one (the end when none is).
    const [oldest] = await admin.offsetsAtTimestamp(topic, 0);
    return { group, topic, oldest: BigInt(oldest.offset), end: BigInt(ends[0].offset) };
  });
}

/** Where `groupId` got to on the dead-letter topic; undefined when it never committed. */
export async function committedPosition(kafka: KafkaPort, groupId: string, topic: string): Promise<bigint | undefined> {
  return withAdmin(kafka, async (admin) => {
    const committed = (await admin.committedOffsets(groupId, topic)).find((p) => p.partition === DLQ_PARTITION);
    // Kafka answers -1 for a group without a commit on the partition.
    return committed && BigInt(committed.offset) >= 0n ? BigInt(committed.offset) : undefined;
  });
}

export function assertHolds(dlq: DeadLetterTopic, offset: bigint): void {
  if (offset >= dlq.oldest && offset < dlq.end) return;
  const holds = dlq.oldest === dlq.end ? 'it is empty' : `it holds offsets ${dlq.oldest} to ${dlq.end - 1n}`;
  throw new CliError(`${dlq.topic} has no dead letter at offset ${offset}: ${holds}`);
}
