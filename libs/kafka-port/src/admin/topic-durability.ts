/** Replication for a topic on a cluster of `brokers` nodes: 3 replicas and 2 in sync where there are 3 nodes, else what fits. */
export function topicDurability(brokers: number): { replicationFactor: number; config: Record<string, string> } {
  const replicationFactor = Math.max(1, Math.min(3, brokers));
  return { replicationFactor, config: { 'min.insync.replicas': String(replicationFactor >= 3 ? 2 : 1) } };
}
