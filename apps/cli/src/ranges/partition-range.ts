/** The offsets [start, end) of one partition that a read visits. */
export interface PartitionRange {
  topic: string;
  partition: number;
  start: bigint;
  end: bigint;
}

export const rangeSize = (range: PartitionRange): bigint => (range.end > range.start ? range.end - range.start : 0n);

export const rangeKey = (topic: string, partition: number): string => `${topic}/${partition}`;
