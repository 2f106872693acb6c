import type { ConnectionPool, Consumer, RecordsBatch } from '@platformatic/kafka';

type FetchRequestTopic = Parameters<Consumer['fetch']>[0]['topics'][number];
import type { AssignedPartition } from './partition-state';
import { partitionKey } from './partition-key';

export interface FetchedPartition {
  key: string;
  topic: string;
  partition: number;
  /** The offset the request asked for: the batch counts only if the partition is still there. */
  fromOffset: bigint;
  batches: RecordsBatch[];
  highWatermark: bigint;
}

export interface FetchLimits {
  maxWaitMs: number;
  maxBytes: number;
  maxBytesPerPartition: number;
}

/**
 * One fetch of every wanted partition, one request per leader broker, in parallel, over the
 * loop's own connections: a fetch waits on the broker up to maxWaitMs, and must not hold up the
 * heartbeats and commits that travel on the consumer's connections.
 */
export async function fetchOnce(consumer: Consumer, pool: ConnectionPool, wanted: (AssignedPartition & { offset: bigint })[], limits: FetchLimits): Promise<FetchedPartition[]> {
  const topics = [...new Set(wanted.map((p) => p.topic))];
  const metadata = await consumer.metadata({ topics });
  const byNode = new Map<number, Map<string, FetchRequestTopic>>();
  const topicNames = new Map<string, string>();
  for (const wish of wanted) {
    const topic = metadata.topics.get(wish.topic);
    const leader = topic?.partitions[wish.partition]?.leader;
    // A topic deleted under the consumer, or a partition without a leader for now: skipped this round.
    if (!topic || leader === undefined || leader < 0) continue;
    topicNames.set(topic.id, wish.topic);
    const requests = byNode.get(leader) ?? new Map<string, FetchRequestTopic>();
    byNode.set(leader, requests);
    const request = requests.get(topic.id) ?? { topicId: topic.id, partitions: [] };
    requests.set(topic.id, request);
    request.partitions.push({ partition: wish.partition, fetchOffset: wish.offset, partitionMaxBytes: limits.maxBytesPerPartition, currentLeaderEpoch: -1, lastFetchedEpoch: -1 });
  }
  const requested = new Map(wanted.map((p) => [p.key, p.offset]));
  const responses = await Promise.all(
    [...byNode].map(([node, requests]) =>
      consumer.fetch({ node, topics: [...requests.values()], maxWaitTime: limits.maxWaitMs, maxBytes: limits.maxBytes, connectionPool: pool }).catch((error: unknown) => {
        throw new FetchFailed(error, outOfRange(error, topicNames));
      }),
    ),
  );
  const fetched: FetchedPartition[] = [];
  for (const response of responses) {
    for (const { topicId, partitions } of response.responses) {
      const topic = topicNames.get(topicId);
      if (!topic) continue;
      for (const answer of partitions) {
        const key = partitionKey(topic, answer.partitionIndex);
        const fromOffset = requested.get(key);
        // An incremental fetch session may return a partition this request did not ask for.
        if (fromOffset === undefined || !answer.records || answer.records.length === 0) continue;
        fetched.push({ key, topic, partition: answer.partitionIndex, fromOffset, batches: answer.records, highWatermark: answer.highWatermark });
      }
    }
  }
  return fetched;
}

/** A failed fetch, with the partitions it names as out of range (their position is gone: retention, a topic recreated). */
export class FetchFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly outOfRange: string[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

const OFFSET_OUT_OF_RANGE = 1;

function outOfRange(error: unknown, topicNames: Map<string, string>): string[] {
  const response = (error as { response?: { responses?: { topicId: string; partitions: { partitionIndex: number; errorCode: number }[] }[] } }).response;
  return (response?.responses ?? []).flatMap(({ topicId, partitions }) => {
    const topic = topicNames.get(topicId);
    if (!topic) return [];
    return partitions.filter((p) => p.errorCode === OFFSET_OUT_OF_RANGE).map((p) => partitionKey(topic, p.partitionIndex));
  });
}
