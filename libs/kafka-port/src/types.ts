/**
 * The Kafka port: the only shapes the rest of Eventline sees. Nothing here names kafkajs,
 * so swapping the client means writing one adapter folder, not touching callers.
 */
export type Headers = Record<string, string>;

export interface OutgoingMessage {
  key: string | null;
  value: Buffer | null;
  headers?: Headers;
  /** Epoch milliseconds; the broker's clock when absent. */
  timestamp?: number;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Kafka offsets exceed 2^53, so they travel as decimal strings. */
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Headers;
  timestamp: number;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
  /** The partition's end offset when the batch was fetched: lag = highWatermark - last offset - 1. */
  highWatermark: string;
  /** Tells the group coordinator this member is alive; call it during long retries. */
  heartbeat(): Promise<void>;
}

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface RecordMetadata {
  topic: string;
  partition: number;
  baseOffset: string;
}

export interface PartitionOffset {
  partition: number;
  offset: string;
}

export interface TopicPartitionOffset extends PartitionOffset {
  topic: string;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
}

export interface GroupDescription {
  /** The broker's word for it: Empty, Stable, PreparingRebalance, Dead, … */
  state: string;
  members: GroupMember[];
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  config?: Record<string, string>;
}
