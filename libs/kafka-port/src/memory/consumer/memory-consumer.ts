import { randomUUID } from 'node:crypto';
import type { BatchHandler, ConsumerOptions, ConsumerPort } from '../../consumer/consumer-port';
import type { TopicPartitionOffset, TopicPartitions } from '../../types';
import type { MemoryCluster } from '../cluster/memory-cluster';
import type { ConsumerGroup, GroupMember } from '../group/consumer-group';
import { requireConnected } from '../unsupported';
import { FetchLoop, type FetchLoopSettings } from './fetch-loop';
import { PartitionCursors } from './partition-cursors';

export type MemoryConsumerSettings = Pick<FetchLoopSettings, 'maxBatchMessages' | 'failedBatchDelayMs'>;

/**
 * A group member on the in-memory cluster: joins on run(), leaves on stop(), and on every
 * (re)assignment reads each partition from the group's commit (or from the start or the end, by
 * `fromBeginning`), as the real adapters do.
 */
export class MemoryConsumer implements ConsumerPort, GroupMember {
  readonly memberId: string;
  topics: string[] = [];
  private readonly group: ConsumerGroup;
  private readonly cursors = new PartitionCursors();
  private readonly assignedListeners: ((assignment: TopicPartitions[]) => void)[] = [];
  private connected = false;
  private loop: FetchLoop | undefined;
  private stopAppends: (() => void) | undefined;

  constructor(
    private readonly cluster: MemoryCluster,
    readonly clientId: string,
    private readonly options: ConsumerOptions,
    private readonly settings: MemoryConsumerSettings,
  ) {
    this.memberId = `${clientId}-${randomUUID()}`;
    this.group = cluster.group(options.groupId);
  }

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await this.stop();
    this.connected = false;
  }

  async subscribe(topics: string[]): Promise<void> {
    requireConnected(this.connected, 'consumer', 'subscribing');
    for (const topic of topics) this.cluster.topic(topic, 'subscribing');
    this.topics = [...new Set([...this.topics, ...topics])];
  }

  async run(handler: BatchHandler): Promise<void> {
    requireConnected(this.connected, 'consumer', `joining group ${this.options.groupId}`);
    if (this.loop) throw new Error(`the consumer of group ${this.options.groupId} is already running; stop() it before run() again`);
    const settings = { ...this.settings, partitionsConcurrently: this.options.partitionsConcurrently ?? 1, autoCommit: this.options.autoCommit ?? true };
    this.loop = new FetchLoop(this.cluster, this.cursors, settings, handler, (topic, partition, offset) => this.group.commit(topic, partition, offset));
    this.stopAppends = this.cluster.onAppend(() => this.loop?.wake());
    this.group.join(this);
    this.loop.start();
  }

  async commitOffsets(offsets: TopicPartitionOffset[]): Promise<void> {
    requireConnected(this.connected, 'consumer', 'committing offsets');
    for (const { topic, partition, offset } of offsets) this.group.commit(topic, partition, offset);
  }

  /** Lets the batches in hand finish, then leaves the group (its partitions go to the others). */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    this.loop = undefined;
    this.stopAppends?.();
    await loop.stop();
    this.group.leave(this.memberId);
    this.cursors.clear();
  }

  seek(offset: TopicPartitionOffset): void {
    this.cursors.seek(offset);
    this.loop?.wake();
  }

  pause(partitions: TopicPartitions[]): void {
    this.cursors.pause(partitions);
  }

  resume(partitions: TopicPartitions[]): void {
    this.cursors.resume(partitions);
    this.loop?.wake();
  }

  onAssigned(listener: (assignment: TopicPartitions[]) => void): void {
    this.assignedListeners.push(listener);
  }

  /** Nothing here fails by itself the way a client gives up on a broker, so no crash is ever reported. */
  onCrash(): void {}

  /** Called by the group on every join and leave. */
  assign(assignment: TopicPartitions[]): void {
    this.cursors.assign(assignment, (topic, partition) => this.startOffset(topic, partition));
    for (const listener of this.assignedListeners) listener(assignment);
    this.loop?.wake();
  }

  private startOffset(topic: string, partition: number): bigint {
    const committed = this.group.committedOffset(topic, partition);
    if (committed !== undefined && committed !== '-1') return BigInt(committed);
    const log = this.cluster.topic(topic, `assigning ${topic}`).partition(partition);
    return this.options.fromBeginning ? log.startOffset : log.endOffset;
  }
}
