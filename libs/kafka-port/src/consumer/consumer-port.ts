import type { IncomingBatch, TopicPartitionOffset } from '../types';

export interface ConsumerOptions {
  groupId: string;
  /** Where a group with no committed offset starts. */
  fromBeginning?: boolean;
  /** When false the caller commits with commitOffsets (or keeps offsets elsewhere). */
  autoCommit?: boolean;
}

/** Called once per fetched batch of one partition; resolving marks the batch processed. */
export type BatchHandler = (batch: IncomingBatch) => Promise<void>;

export interface ConsumerPort {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(topics: string[]): Promise<void>;
  run(handler: BatchHandler): Promise<void>;
  /** Commits the next offset to read, per partition. */
  commitOffsets(offsets: TopicPartitionOffset[]): Promise<void>;
  stop(): Promise<void>;
}
