import type { ConnectionPool, Consumer } from '@platformatic/kafka';
import pMap from 'p-map';
import type { Logger } from 'pino';
import type { BatchHandler } from '../../consumer/consumer-port';
import type { IncomingBatch, TopicPartitionOffset } from '../../types';
import { isRetriablePlatformaticError } from '../retriable';
import { FetchFailed, fetchOnce, type FetchedPartition, type FetchLimits } from './fetch-once';
import type { PartitionState } from './partition-state';
import { startPositions } from './start-positions';
import { decodePartition } from './records';
import type { WakeUp } from './wake-up';

export interface FetchLoopOptions extends FetchLimits {
  fromBeginning: boolean;
  autoCommit: boolean;
  partitionsConcurrently: number;
}

interface Fetched {
  epoch: number;
  partitions: FetchedPartition[];
}

interface Accepted {
  key: string;
  fromOffset: bigint;
  nextOffset: bigint;
  batch: IncomingBatch;
}

const IDLE_MS = 100;
const HANDLER_FAILURE_PAUSE_MS = 1_000;
const FETCH_BACKOFF_MS = { initial: 250, max: 5_000 };

/** The library heartbeats on its own timer, whatever the handler does; the port's call has nothing left to do. */
const heartbeat = async () => undefined;

/**
 * Fetch, then hand each partition's batch to the handler (partitionsConcurrently at a time, each
 * partition in order), like kafkajs' eachBatch. The next fetch is already on its way while the
 * batches are handled; its data counts for a partition only if nothing (a seek, a pause, a
 * rebalance) moved that partition in the meantime.
 */
export class FetchLoop {
  private running = true;
  private done: Promise<void> = Promise.resolve();
  private readonly stopped: Promise<undefined>;
  private signalStop: () => void = () => undefined;
  private backoffMs = FETCH_BACKOFF_MS.initial;

  constructor(
    private readonly consumer: Consumer,
    private readonly pool: ConnectionPool,
    private readonly state: PartitionState,
    private readonly wakeUp: WakeUp,
    private readonly options: FetchLoopOptions,
    private readonly handler: BatchHandler,
    private readonly logger: Logger,
    private readonly crash: (error: unknown) => void,
  ) {
    this.stopped = new Promise((resolve) => (this.signalStop = () => resolve(undefined)));
  }

  start(): void {
    this.done = this.loop();
  }

  /** Resolves once the batches in hand are handled (and, with autoCommit, committed). */
  async stop(): Promise<void> {
    this.running = false;
    this.signalStop();
    this.wakeUp.wake();
    await this.done;
  }

  private async loop(): Promise<void> {
    let next: Promise<Fetched | undefined> | undefined;
    while (this.running) {
      // A fetch in flight waits up to maxWaitMs on the broker; stopping does not wait for it.
      const fetched = await Promise.race([next ?? this.fetch(), this.stopped]);
      next = undefined;
      if (!this.running || !fetched) continue;
      const accepted = this.accept(fetched);
      if (accepted.length === 0) continue;
      next = this.fetch();
      await this.handle(accepted);
    }
  }

  /** Never rejects: a failure is logged and waited out, or ends the loop when it will not go away. */
  private async fetch(): Promise<Fetched | undefined> {
    try {
      if (!this.consumer.isActive()) return await this.idle();
      const epoch = this.state.epoch;
      await startPositions(this.consumer, this.state, this.options.fromBeginning);
      const wanted = this.state.fetchable();
      if (wanted.length === 0) return await this.idle();
      const partitions = await fetchOnce(this.consumer, this.pool, wanted, this.options);
      this.backoffMs = FETCH_BACKOFF_MS.initial;
      return { epoch, partitions };
    } catch (error) {
      await this.fetchFailed(error);
      return undefined;
    }
  }

  private async idle(): Promise<undefined> {
    await this.wakeUp.sleep(IDLE_MS);
    return undefined;
  }

  private async fetchFailed(error: unknown): Promise<void> {
    if (!this.running) return;
    if (error instanceof FetchFailed && error.outOfRange.length > 0) {
      for (const key of error.outOfRange) this.state.markOutOfRange(key);
      return;
    }
    const cause = error instanceof FetchFailed ? error.cause : error;
    if (!isRetriablePlatformaticError(cause)) {
      this.running = false;
      this.crash(cause);
      return;
    }
    this.logger.warn({ err: cause, group: this.consumer.groupId, retryInMs: this.backoffMs }, 'fetch failed; retrying');
    await this.wakeUp.sleep(this.backoffMs);
    this.backoffMs = Math.min(FETCH_BACKOFF_MS.max, this.backoffMs * 2);
  }

  /** The fetched partitions still owned, not paused and not moved since: their positions move on now, so a seek made while they are handled wins. */
  private accept(fetched: Fetched): Accepted[] {
    if (fetched.epoch !== this.state.epoch) return [];
    const accepted: Accepted[] = [];
    for (const fetchedPartition of fetched.partitions) {
      const { key, topic, partition, fromOffset } = fetchedPartition;
      if (!this.state.owns(key) || this.state.isPaused(key)) continue;
      const { messages, nextOffset } = decodePartition(topic, partition, fetchedPartition.batches, fromOffset);
      if (!this.state.advance(key, fromOffset, nextOffset) || messages.length === 0) continue;
      accepted.push({ key, fromOffset, nextOffset, batch: { topic, partition, messages, highWatermark: fetchedPartition.highWatermark.toString(), heartbeat } });
    }
    return accepted;
  }

  private async handle(accepted: Accepted[]): Promise<void> {
    const handled: TopicPartitionOffset[] = [];
    let failed = false;
    await pMap(
      accepted,
      async ({ key, fromOffset, nextOffset, batch }) => {
        try {
          await this.handler(batch);
          handled.push({ topic: batch.topic, partition: batch.partition, offset: nextOffset.toString() });
        } catch (error) {
          // As kafkajs does, the batch is fetched again: the partition goes back to its first offset (unless it was moved since).
          failed = true;
          this.state.advance(key, nextOffset, fromOffset);
          this.logger.error({ err: error, group: this.consumer.groupId, topic: batch.topic, partition: batch.partition }, 'the batch handler failed; the batch will be fetched again');
        }
      },
      { concurrency: this.options.partitionsConcurrently },
    );
    if (this.options.autoCommit && handled.length > 0) await this.commit(handled);
    if (failed) await this.wakeUp.sleep(HANDLER_FAILURE_PAUSE_MS);
  }

  private async commit(offsets: TopicPartitionOffset[]): Promise<void> {
    try {
      await this.consumer.commit({ offsets: offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: BigInt(offset), leaderEpoch: -1 })) });
    } catch (error) {
      this.logger.warn({ err: error, group: this.consumer.groupId }, 'committing offsets failed; the next commit or the next owner covers them');
    }
  }
}
