export interface TopicDurability {
  replicationFactor: number;
  config: { 'min.insync.replicas': string };
}

/**
 * How many copies a topic keeps on a cluster of `brokerCount` brokers. Three copies with two in
 * sync mean an acks=all write survives the loss of any one broker and is still accepted while a
 * broker is down; a smaller cluster gets one copy per broker and accepts writes on one.
 */
export function topicDurability(brokerCount: number): TopicDurability {
  if (!Number.isInteger(brokerCount) || brokerCount < 1) {
    throw new Error(`brokerCount must be a positive integer (the brokers the cluster has), got ${String(brokerCount)}`);
  }
  const replicationFactor = Math.min(brokerCount, 3);
  const minInsyncReplicas = replicationFactor >= 3 ? 2 : 1;
  return { replicationFactor, config: { 'min.insync.replicas': String(minInsyncReplicas) } };
}
