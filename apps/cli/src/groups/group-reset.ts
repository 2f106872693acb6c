/**
 * Where a group's position is the truth: Kafka's committed offsets, or (Eventline's own
 * projectors) PostgreSQL's consumer_offsets, which Kafka only mirrors.
 */
export type OffsetStorage = 'kafka' | 'postgresql';

/** One partition of a reset: where the group is, where the time puts it, and what it would re-read. */
export interface PartitionReset {
  topic: string;
  partition: number;
  /** The group's next offset now; null when it has none for the partition. */
  current: string | null;
  /** The first offset at or after the time (the end offset when no record is). */
  target: string;
  /** The partition's end offset (the next offset to be written). */
  end: string;
}

export interface ResetPlan {
  group: string;
  at: Date;
  storage: OffsetStorage;
  partitions: PartitionReset[];
}

/** What the group would consume again (or still) once reset: end offset − target offset. */
export const lagAfterReset = (reset: PartitionReset): bigint => BigInt(reset.end) - BigInt(reset.target);
