import type { IncomingBatch, TopicPartitionOffset, TopicPartitions } from '../types';

export interface ConsumerOptions {
  groupId: string;
  /** Where a group with no committed offset starts. */
  fromBeginning?: boolean;
  /** When false the caller commits with commitOffsets (or keeps offsets elsewhere). */
  autoCommit?: boolean;
  /**
   * How long the group waits for a silent member before giving its partitions to others: short,
   * so a restarted instance takes over a killed one's partitions within seconds (kafkajs has no
   * static membership). Live members stay in the group because batches heartbeat while they run.
   */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /**
   * How long a fetch may wait on the broker for new data. Short, because a partition resumed
   * after a retry joins the next fetch only once the one in flight has returned.
   */
  maxWaitMs?: number;
  /** Batches of different partitions handled at the same time; each partition stays in order. */
  partitionsConcurrently?: number;
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
  /** Moves a partition's read position; valid once run() has started. */
  seek(offset: TopicPartitionOffset): void;
  /** Stops fetching these partitions until resumed (back-pressure). */
  pause(partitions: TopicPartitions[]): void;
  resume(partitions: TopicPartitions[]): void;
  /** Called with this member's partitions each time the group (re)assigns them. */
  onAssigned(listener: (assignment: TopicPartitions[]) => void): void;
  /** Called when the client gives up: the consumer has stopped consuming and will not restart itself. */
  onCrash(listener: (error: Error) => void): void;
}
