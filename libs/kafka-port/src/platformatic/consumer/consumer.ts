import { ConnectionPool, Consumer, type BaseOptions, type GroupAssignment } from '@platformatic/kafka';
import type { Logger } from 'pino';
import type { BatchHandler, ConsumerOptions, ConsumerPort } from '../../consumer/consumer-port';
import type { TopicPartitionOffset, TopicPartitions } from '../../types';
import { asPortError, portError } from '../port-errors';
import { isRetriablePlatformaticError } from '../retriable';
import { FetchLoop } from './fetch-loop';
import { PartitionState } from './partition-state';
import { WakeUp } from './wake-up';

/** kafkajs' defaults, so both adapters behave alike where the port leaves a setting out. */
const DEFAULTS = { sessionTimeoutMs: 30_000, heartbeatIntervalMs: 3_000, rebalanceTimeoutMs: 60_000, maxWaitMs: 5_000, maxBytes: 10 * 1024 * 1024, maxBytesPerPartition: 1024 * 1024 };
const REJOIN_BACKOFF_MS = { initial: 500, max: 10_000 };

/**
 * A consumer group member on @platformatic/kafka's group protocol (classic, eager round-robin, as
 * kafkajs) with a fetch loop of its own on `Consumer.fetch`: the client's message stream reads one
 * message at a time and has no per-partition pause or seek, which the port needs.
 */
export class PlatformaticConsumer implements ConsumerPort {
  private readonly consumer: Consumer;
  private readonly state = new PartitionState();
  private readonly wakeUp = new WakeUp();
  private readonly assignedListeners: ((assignment: TopicPartitions[]) => void)[] = [];
  private readonly crashListeners: ((error: Error) => void)[] = [];
  private pool: ConnectionPool | undefined;
  private loop: FetchLoop | undefined;
  private stopping = false;
  private rejoining = false;

  constructor(
    private readonly base: BaseOptions,
    private readonly options: ConsumerOptions,
    private readonly logger: Logger,
  ) {
    this.consumer = new Consumer({
      ...base,
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? DEFAULTS.sessionTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
      rebalanceTimeout: DEFAULTS.rebalanceTimeoutMs,
      autocommit: false,
    });
    this.consumer.on('consumer:group:join', ({ assignments }) => this.assigned(assignments ?? []));
    // Emitted when a rejoin gave up: no heartbeat is scheduled any more, so this member rejoins by itself.
    this.consumer.on('error', (error: Error) => void this.rejoin(error));
  }

  connect(): Promise<void> {
    return asPortError('connecting the consumer', async () => void (await this.consumer.metadata({ topics: [] })));
  }

  async disconnect(): Promise<void> {
    await this.stop();
    await this.consumer.close();
  }

  async subscribe(topics: string[]): Promise<void> {
    this.consumer.topics.trackAll(...topics);
  }

  async run(handler: BatchHandler): Promise<void> {
    this.stopping = false;
    await asPortError(`joining group ${this.options.groupId}`, () => this.consumer.joinGroup({}));
    this.pool = new ConnectionPool(this.base.clientId, { ...this.base });
    this.loop = new FetchLoop(
      this.consumer,
      this.pool,
      this.state,
      this.wakeUp,
      {
        fromBeginning: this.options.fromBeginning ?? false,
        autoCommit: this.options.autoCommit ?? true,
        partitionsConcurrently: this.options.partitionsConcurrently ?? 1,
        maxWaitMs: this.options.maxWaitMs ?? DEFAULTS.maxWaitMs,
        maxBytes: DEFAULTS.maxBytes,
        maxBytesPerPartition: DEFAULTS.maxBytesPerPartition,
      },
      handler,
      this.logger,
      (error) => this.crashed(error),
    );
    this.loop.start();
  }

  commitOffsets(offsets: TopicPartitionOffset[]): Promise<void> {
    return asPortError('committing offsets', () => this.consumer.commit({ offsets: offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: BigInt(offset), leaderEpoch: -1 })) }));
  }

  /** Finishes the batches in hand, then stops fetching; the group membership ends with disconnect(). */
  async stop(): Promise<void> {
    this.stopping = true;
    const loop = this.loop;
    this.loop = undefined;
    await loop?.stop();
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close().catch(() => undefined);
  }

  seek({ topic, partition, offset }: TopicPartitionOffset): void {
    this.state.seek(topic, partition, BigInt(offset));
    this.wakeUp.wake();
  }

  pause(partitions: TopicPartitions[]): void {
    for (const { topic, partitions: numbers } of partitions) this.state.pause(topic, numbers);
  }

  resume(partitions: TopicPartitions[]): void {
    for (const { topic, partitions: numbers } of partitions) this.state.resume(topic, numbers);
    this.wakeUp.wake();
  }

  onAssigned(listener: (assignment: TopicPartitions[]) => void): void {
    this.assignedListeners.push(listener);
  }

  onCrash(listener: (error: Error) => void): void {
    this.crashListeners.push(listener);
  }

  private assigned(assignments: GroupAssignment[]): void {
    const assignment = assignments.filter((a) => a.partitions.length > 0).map(({ topic, partitions }) => ({ topic, partitions: [...partitions] }));
    this.state.assign(assignment);
    this.wakeUp.wake();
    for (const listener of this.assignedListeners) listener(assignment);
  }

  /** Rejoins with backoff for as long as the failure is retriable (kafkajs restarts its consumer the same way); else the consumer has crashed. */
  private async rejoin(error: Error): Promise<void> {
    if (this.stopping || this.rejoining) return;
    this.rejoining = true;
    try {
      await this.rejoinWithBackoff(error);
    } finally {
      this.rejoining = false;
    }
  }

  private async rejoinWithBackoff(error: Error): Promise<void> {
    // The group may already have given this member's partitions to another: stop reading them.
    this.state.revokeAll();
    let cause: unknown = error;
    for (let delay = REJOIN_BACKOFF_MS.initial; !this.stopping; delay = Math.min(REJOIN_BACKOFF_MS.max, delay * 2)) {
      if (!isRetriablePlatformaticError(cause)) return this.crashed(cause);
      this.logger.warn({ err: cause, group: this.options.groupId, retryInMs: delay }, 'lost the consumer group membership; rejoining');
      await this.wakeUp.sleep(delay);
      if (this.stopping) return;
      try {
        await this.consumer.joinGroup({});
        return;
      } catch (joinError) {
        cause = joinError;
      }
    }
  }

  private crashed(error: unknown): void {
    if (this.stopping) return;
    const crash = portError(`consumer of group ${this.options.groupId}`, error);
    this.logger.error({ err: crash, group: this.options.groupId }, 'the consumer stopped: the failure will not go away by itself');
    void this.loop?.stop();
    for (const listener of this.crashListeners) listener(crash);
  }
}
