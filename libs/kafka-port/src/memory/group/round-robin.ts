import type { TopicPartitions } from '../../types';

/**
 * Kafka's round-robin assignor: every subscribed topic-partition, sorted, dealt in turn to the
 * members (sorted by id) that read its topic.
 */
export function roundRobin(members: Array<{ memberId: string; topics: string[] }>, partitionsOf: (topic: string) => number): Map<string, TopicPartitions[]> {
  const sorted = [...members].sort((a, b) => a.memberId.localeCompare(b.memberId));
  const topics = [...new Set(sorted.flatMap((member) => member.topics))].sort();
  const shares = new Map<string, Map<string, number[]>>(sorted.map((member) => [member.memberId, new Map()]));
  let turn = 0;
  for (const topic of topics) {
    const readers = sorted.filter((member) => member.topics.includes(topic));
    for (let partition = 0; partition < partitionsOf(topic); partition++) {
      const share = shares.get(readers[turn++ % readers.length].memberId)!;
      share.set(topic, [...(share.get(topic) ?? []), partition]);
    }
  }
  return new Map([...shares].map(([memberId, share]) => [memberId, [...share].map(([topic, partitions]) => ({ topic, partitions }))]));
}
