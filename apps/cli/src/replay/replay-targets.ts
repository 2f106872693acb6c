import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { topicDurability, withAdmin, type IncomingMessage, type KafkaPort, type ProducerPort } from '@eventline/kafka-port';
import { CliError } from '../errors';
import { jsonSafe } from '../output/json-safe';

/** One matched event: the bytes as they sit in Kafka, and the envelope as the view shows it. */
export interface ReplayedEvent {
  message: IncomingMessage;
  envelope: Record<string, unknown>;
}

/** Where a replay's events go. Nothing is final until `finish`: `abort` leaves no partial result behind. */
export interface ReplayTarget {
  /** For the manifest and the governance event: `file:<path>`, `topic:<name>` or `dry-run`. */
  readonly name: string;
  /** Whether what was written before a failure stays delivered (records republished to a topic do; a partial file is removed). */
  readonly keepsPartial: boolean;
  write(events: ReplayedEvent[]): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

export const dryRunTarget = (): ReplayTarget => ({ name: 'dry-run', keepsPartial: false, write: async () => undefined, finish: async () => undefined, abort: async () => undefined });

/**
 * NDJSON of the envelopes (gzip when the name ends in .gz), written to `<file>.partial` and
 * renamed into place at the end. The file is opened at the first write, so a replay refused
 * before it leaves nothing behind; a write that fails (a full disk) fails the replay.
 */
export class FileTarget implements ReplayTarget {
  readonly name: string;
  readonly keepsPartial = false;
  private readonly partial: string;
  private sink?: Writable;
  private written?: Promise<void>;

  constructor(
    private readonly path: string,
    force: boolean,
  ) {
    if (existsSync(path) && !force) throw new CliError(`--out: ${path} exists; give --force to replace it`);
    this.name = `file:${path}`;
    this.partial = `${path}.partial`;
  }

  async write(events: ReplayedEvent[]): Promise<void> {
    const sink = this.open();
    const text = events.map((e) => `${JSON.stringify(e.envelope, jsonSafe)}\n`).join('');
    if (!sink.write(text)) await once(sink, 'drain');
  }

  async finish(): Promise<void> {
    this.open().end();
    await this.written;
    renameSync(this.partial, this.path);
  }

  async abort(): Promise<void> {
    this.sink?.destroy();
    await this.written?.catch(() => undefined);
    rmSync(this.partial, { force: true });
  }

  private open(): Writable {
    if (this.sink) return this.sink;
    const sink = this.path.endsWith('.gz') ? createGzip() : new PassThrough();
    // The pipeline listens for errors on both streams: one on either fails `written` and the next write.
    this.written = pipeline(sink, createWriteStream(this.partial));
    this.written.catch(() => undefined);
    return (this.sink = sink);
  }
}

/** Partitions of a target topic the replay creates: as many as a catalog topic has. */
const TARGET_PARTITIONS = 6;

/**
 * Republishes the bytes unchanged (key, value, headers), marked with where each came from. A
 * target that does not exist is created (6 partitions, the broker's default retention): create
 * it beforehand for other settings.
 */
export class TopicTarget implements ReplayTarget {
  readonly name: string;
  readonly keepsPartial = true;
  private producer?: ProducerPort;

  constructor(
    private readonly kafka: KafkaPort,
    private readonly topic: string,
  ) {
    this.name = `topic:${topic}`;
  }

  async write(events: ReplayedEvent[]): Promise<void> {
    if (!this.producer) {
      await withAdmin(this.kafka, async (admin) => {
        const { replicationFactor, config } = topicDurability((await admin.describeCluster()).brokers);
        await admin.ensureTopics([{ topic: this.topic, partitions: TARGET_PARTITIONS, replicationFactor, config }]);
      });
      this.producer = this.kafka.producer({ idempotent: true });
      await this.producer.connect();
    }
    await this.producer.send(
      this.topic,
      events.map(({ message }) => ({
        key: message.key,
        value: message.value,
        headers: { ...message.headers, 'replayed-from': `${message.topic}/${message.partition}@${message.offset}` },
      })),
    );
  }

  async finish(): Promise<void> {
    await this.producer?.disconnect();
  }

  async abort(): Promise<void> {
    await this.producer?.disconnect();
  }
}
