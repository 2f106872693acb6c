import type { Pool } from 'pg';
import type { Catalog } from '@eventline/contracts';
import type { ConsumerPort, IncomingBatch, KafkaPort, ProducerPort, TopicPartitions } from '@eventline/kafka-port';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import type { BatchContext, Middleware } from './context';
import { EventDecoder } from './decode/event-decoder';
import { classifyError, type ErrorRule } from './failures/classify';
import { RetryLater } from './failures/retry-later';
import { PartitionProgress } from './health/partition-progress';
import { ConsumerHealth, type ConsumerStatus } from './health/consumer-health';
import type { ConsumerMetrics } from './metrics';
import { deadLetters, deadLetterSender } from './middleware/dead-letter';
import { ensureDeadLetterTopic } from './dead-letter-topic';
import { decodeEvents } from './middleware/decode';
import { failurePolicy, type FailurePolicyOptions } from './middleware/failure-policy';
import { readStoredOffsets, storedOffsets } from './middleware/offsets';
import { inTransaction } from './middleware/transaction';
import { traceEvents } from './middleware/tracing';
import type { EventRouter } from './router';
import { defaultPipeline, type PipelineStages } from './pipeline/default-pipeline';
import type { Pipeline } from './pipeline/pipeline';
import { PartitionRetries } from './partition-retries';
import { KafkaOffsetMirror } from './kafka-offset-mirror';

export interface ConsumerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface EventConsumerOptions<C extends BatchContext = BatchContext> {
  kafka: KafkaPort;
  registry: SchemaRegistryClient;
  catalog: Catalog;
  group: string;
  topics: string[];
  router: EventRouter<C>;
  /** Composes the runtime's stages into this consumer's pipeline (add, remove, reorder); the preset is defaultPipeline. */
  pipeline?: (stages: PipelineStages) => Pipeline<C>;
  logger: ConsumerLogger;
  metrics?: ConsumerMetrics;
  /** With a pool, each batch's handler writes and the group's offsets commit in one transaction. */
  pool?: Pool;
  /** Reader schemas by record full name, when a consumer reads with other than the catalog's contract. */
  readerOverrides?: Map<string, Record<string, unknown>>;
  /** Extra middleware, run just before the handlers (dedup, tracing, …): `stages.extra`. */
  middleware?: Middleware[];
  /** The app's own transient/permanent rules, asked before the runtime's. */
  errorRules?: ErrorRule[];
  /** Retry counts, budget and backoffs; the defaults are FAILURE_POLICY_DEFAULTS. */
  retry?: Partial<Omit<FailurePolicyOptions, 'classify' | 'sendDeadLetters'>>;
  /** Seconds without progress, on a partition with work, before readiness calls it stalled. */
  stallThresholdSeconds?: number;
  sessionTimeoutMs?: number;
  partitionsConcurrently?: number;
}

const HEARTBEAT_EVERY_MS = 1_000;
/** How often Kafka hears a group's position when PostgreSQL keeps the truth of it. */
const KAFKA_COMMIT_EVERY_MS = 1_000;

/**
 * A consumer group member built from middleware around one handler signature (defaultPipeline, or
 * the app's own composition of the same stages) ending in the router. A failed batch pauses only
 * its own partition, which is re-read once its backoff has passed.
 */
export class EventConsumer<C extends BatchContext = BatchContext> {
  readonly health: ConsumerHealth;
  private readonly consumer: ConsumerPort;
  private readonly dlqProducer: ProducerPort;
  private readonly pipeline: (context: BatchContext) => Promise<void>;
  private readonly progress = new PartitionProgress();
  private readonly retries: PartitionRetries;
  private readonly kafkaOffsets: KafkaOffsetMirror;
  /** Stored offsets are per Kafka cluster; known once start() has asked the broker. */
  private clusterId = '';

  constructor(private readonly options: EventConsumerOptions<C>) {
    this.consumer = options.kafka.consumer({
      groupId: options.group,
      fromBeginning: true,
      autoCommit: false,
      sessionTimeoutMs: options.sessionTimeoutMs ?? Number(process.env.EVENTLINE_SESSION_TIMEOUT_MS ?? 6_000),
      heartbeatIntervalMs: HEARTBEAT_EVERY_MS,
      maxWaitMs: 500,
      partitionsConcurrently: options.partitionsConcurrently ?? Number(process.env.EVENTLINE_PARTITIONS_CONCURRENTLY ?? 2),
    });
    // Bounded, so a dead letter during a broker outage fails as retriable and the batch is retried later, instead of holding the batch (and shutdown) for ever.
    this.retries = new PartitionRetries(this.consumer);
    this.kafkaOffsets = new KafkaOffsetMirror(this.consumer, KAFKA_COMMIT_EVERY_MS);
    this.dlqProducer = options.kafka.producer({ idempotent: true, retry: { retries: 5, initialRetryTimeMs: 100, maxRetryTimeMs: 2_000 } });
    this.health = new ConsumerHealth(this.progress, options.stallThresholdSeconds ?? Number(process.env.EVENTLINE_STALL_THRESHOLD_S ?? 30));
    options.metrics?.track(options.group, this.progress);
    const compose = options.pipeline ?? ((stages: PipelineStages) => defaultPipeline(stages) as unknown as Pipeline<C>);
    this.pipeline = compose(this.stages()).handle(options.router.dispatch);
  }

  private stages(): PipelineStages {
    const { options } = this;
    const send = deadLetterSender(this.dlqProducer);
    return {
      metrics: options.metrics?.middleware(),
      failurePolicy: failurePolicy({ ...options.retry, classify: (error) => classifyError(error, options.errorRules), sendDeadLetters: send }),
      transaction: options.pool ? inTransaction(options.pool) : undefined,
      storedOffsets: options.pool ? storedOffsets(() => this.clusterId) : undefined,
      decode: decodeEvents(new EventDecoder(options.registry, options.catalog, options.readerOverrides)),
      tracing: traceEvents,
      deadLetters: deadLetters(send),
      extra: options.middleware ?? [],
    };
  }

  status(): ConsumerStatus {
    return this.health.status();
  }

  async start(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      this.clusterId = (await admin.describeCluster()).clusterId;
      await ensureDeadLetterTopic(admin, this.options.group, this.options.topics);
    } finally {
      await admin.disconnect();
    }
    await this.dlqProducer.connect();
    await this.consumer.connect();
    this.consumer.onAssigned((assignment) => this.assigned(assignment));
    this.consumer.onCrash((error) => this.crashed(error));
    await this.consumer.subscribe(this.options.topics);
    await this.consumer.run((batch) => this.handle(batch));
    this.health.running();
    this.health.watch((stalled) => this.options.logger.warn({ group: this.options.group, stalled }, 'partitions stalled: no progress while they have work'));
    this.options.logger.info({ group: this.options.group, topics: this.options.topics.length }, 'consumer started');
  }

  /** Finishes the batch in hand (never a backoff: retries wait outside batches), then leaves the group. */
  async stop(): Promise<void> {
    this.health.stopped();
    this.retries.clear();
    await this.consumer.stop();
    await this.kafkaOffsets.flush();
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async handle(batch: IncomingBatch): Promise<void> {
    if (batch.messages.length === 0 || this.retries.isStale(batch)) return;
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
    // A batch may outlast the session timeout; the group must not evict a member that is working.
    const keepAlive = setInterval(() => void batch.heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
    try {
      await this.pipeline(context);
    } catch (error) {
      if (error instanceof RetryLater) return this.retryLater(batch, error);
      throw error;
    } finally {
      clearInterval(keepAlive);
    }
    this.progress.advanced(batch.topic, batch.partition, Number(BigInt(batch.highWatermark) - BigInt(context.nextOffset)));
    const position = { topic: batch.topic, partition: batch.partition, offset: context.nextOffset };
    // With stored offsets PostgreSQL holds the truth and Kafka's copy can lag a second; without, Kafka's commit is the position.
    if (this.options.pool) this.kafkaOffsets.note(position);
    else await this.consumer.commitOffsets([position]).catch(() => undefined);
  }

  /** Pauses the partition, rewinds it to the failed offset, and resumes it once the backoff has passed. */
  private retryLater(batch: IncomingBatch, retry: RetryLater): void {
    if (this.health.status().state === 'stopped') return;
    const { topic, partition } = batch;
    const { group } = this.options;
    const log = retry.kind === 'transient' ? 'batch failed with a transient fault; the partition pauses and retries' : 'batch failed permanently; retrying before it is bisected';
    this.options.logger.warn({ err: retry.failure, kind: retry.kind, attempt: retry.attempt, retryInMs: retry.delayMs, group, topic, partition, offset: retry.fromOffset }, log);
    this.options.metrics?.retries.inc({ group, topic, kind: retry.kind });
    this.progress.waiting(topic, partition, retry.message);
    this.retries.schedule(topic, partition, retry.fromOffset, retry.delayMs);
  }

  private assigned(assignment: TopicPartitions[]): void {
    this.progress.assigned(assignment);
    this.retries.assigned(assignment);
    this.kafkaOffsets.retain(assignment);
    void this.seekToStoredOffsets(assignment);
  }

  private crashed(error: Error): void {
    this.health.crashed(error);
    this.options.logger.error({ err: error, group: this.options.group }, 'the Kafka consumer crashed and will not restart; readiness reports it');
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
