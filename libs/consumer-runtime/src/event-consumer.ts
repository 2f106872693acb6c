import type { Pool } from 'pg';
import type { Catalog } from '@eventline/contracts';
import type { ConsumerPort, IncomingBatch, KafkaPort, ProducerPort, TopicPartitions } from '@eventline/kafka-port';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { compose, type BatchContext, type Middleware } from './context';
import { EventDecoder } from './decode/event-decoder';
import type { ConsumerMetrics } from './metrics';
import { deadLetters, deadLetterTopic } from './middleware/dead-letter';
import { decodeEvents } from './middleware/decode';
import { readStoredOffsets, storedOffsets } from './middleware/offsets';
import { retryTransient } from './middleware/retry';
import { inTransaction } from './middleware/transaction';
import type { EventRouter } from './router';

export interface ConsumerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface EventConsumerOptions {
  kafka: KafkaPort;
  registry: SchemaRegistryClient;
  catalog: Catalog;
  group: string;
  topics: string[];
  router: EventRouter;
  logger: ConsumerLogger;
  metrics?: ConsumerMetrics;
  /** With a pool, each batch's handler writes and the group's offsets commit in one transaction. */
  pool?: Pool;
  /** Reader schemas by record full name, when a consumer reads with other than the catalog's contract. */
  readerOverrides?: Map<string, Record<string, unknown>>;
  /** Extra middleware, run just before the handlers (dedup, tracing, …). */
  middleware?: Middleware[];
}

/**
 * A consumer group member built from middleware around one handler signature: metrics → retry →
 * transaction → stored offsets → decode → dead letters → (extra) → router.
 */
export class EventConsumer {
  private readonly consumer: ConsumerPort;
  private readonly dlqProducer: ProducerPort;
  private readonly pipeline: (context: BatchContext) => Promise<void>;
  /** Stored offsets are per Kafka cluster; known once start() has asked the broker. */
  private clusterId = '';

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.group, fromBeginning: true, autoCommit: false });
    this.dlqProducer = options.kafka.producer({ idempotent: true });
    const decoder = new EventDecoder(options.registry, options.catalog, options.readerOverrides);
    this.pipeline = compose([
      ...(options.metrics ? [options.metrics.middleware()] : []),
      retryTransient({ onRetry: (error, attempt, delayMs, context) => this.onRetry(error, attempt, delayMs, context) }),
      ...(options.pool ? [inTransaction(options.pool), storedOffsets(() => this.clusterId)] : []),
      decodeEvents(decoder),
      deadLetters(this.dlqProducer),
      ...(options.middleware ?? []),
      options.router.dispatch,
    ]);
  }

  async start(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    this.clusterId = (await admin.describeCluster()).clusterId;
    await admin.ensureTopics([{ topic: deadLetterTopic(this.options.group), partitions: 1, replicationFactor: Number(process.env.EVENTLINE_REPLICATION_FACTOR ?? 1) }]);
    await admin.disconnect();
    await this.dlqProducer.connect();
    await this.consumer.connect();
    this.consumer.onAssigned((assignment) => void this.seekToStoredOffsets(assignment));
    await this.consumer.subscribe(this.options.topics);
    await this.consumer.run((batch) => this.handle(batch));
    this.options.logger.info({ group: this.options.group, topics: this.options.topics.length }, 'consumer started');
  }

  /** Finishes the batch in hand, then leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.stop();
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async handle(batch: IncomingBatch): Promise<void> {
    if (batch.messages.length === 0) return;
    const last = batch.messages[batch.messages.length - 1];
    const context: BatchContext = {
      group: this.options.group,
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages,
      nextOffset: String(BigInt(last.offset) + 1n),
      highWatermark: batch.highWatermark,
      events: [],
      deadLetters: [],
      heartbeat: batch.heartbeat,
    };
    await this.pipeline(context);
    this.resumeQuietly(batch.topic, batch.partition);
    // Kafka's copy of the position only shortens re-reads and shows lag to tools; PostgreSQL's is the truth.
    await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: context.nextOffset }]).catch(() => undefined);
  }

  /** Resuming after stop() throws in kafkajs; by then there is nothing left to resume. */
  private resumeQuietly(topic: string, partition: number): void {
    try {
      this.consumer.resume([{ topic, partitions: [partition] }]);
    } catch {
      // stopping
    }
  }

  /** Back-pressure: while a partition's batch waits on a fault, nothing more is fetched for it. */
  private onRetry(error: unknown, attempt: number, delayMs: number, context: BatchContext): void {
    const { group, topic, partition } = context;
    this.options.logger.warn({ err: error, attempt, retryInMs: delayMs, group, topic, partition }, 'batch failed with a transient fault; retrying, never skipping');
    this.options.metrics?.errors.inc({ group, topic });
    if (attempt === 1) this.consumer.pause([{ topic, partitions: [partition] }]);
  }

  /** On (re)assignment, read from where PostgreSQL says this group got to, not from Kafka's older commit. */
  private async seekToStoredOffsets(assignment: TopicPartitions[]): Promise<void> {
    if (!this.options.pool) return;
    const pool = this.options.pool;
    try {
      const stored = await readStoredOffsets((sql, params) => pool.query(sql, params), this.clusterId, this.options.group);
      for (const { topic, partitions } of assignment) {
        for (const offset of stored.filter((s) => s.topic === topic && partitions.includes(s.partition))) this.consumer.seek(offset);
      }
    } catch (error) {
      // Not fatal: the stored-offsets middleware still drops anything already projected.
      this.options.logger.warn({ err: error }, 'could not seek to stored offsets; relying on the offset filter');
    }
  }
}
