import type { OutgoingMessage, ProducerPort } from '@eventline/kafka-port';

export interface QueuedMessage {
  topic: string;
  message: OutgoingMessage;
}

/**
 * What one send may carry at most, in bytes of keys, values and headers. The broker refuses a
 * record batch over max.message.bytes (1 MiB by default) and a send's messages for one partition
 * travel as one batch, so a send stays under it whatever the partitioning.
 */
export const MAX_BATCH_BYTES = 900_000;

/** One enqueue call (or one chunk of a large one): it resolves once all of its messages are acknowledged. */
interface Call {
  items: QueuedMessage[];
  bytes: number;
  /** Shared by the chunks of one call: once one fails, the later ones are not sent (no gap in its order). */
  origin: { failure?: Error };
  resolve: () => void;
  reject: (error: Error) => void;
  failure?: Error;
}

/**
 * Collects messages and sends them together, one send at a time, in the order they were queued:
 * one tenant's events keep their order on each partition. An idle batcher waits up to `lingerMs`
 * for a batch to fill (or sends at once at `maxBatchSize`); while a send is in flight, everything
 * queued meanwhile goes in the next send as soon as it returns, so batches grow with the load.
 *
 * Why one send in flight rather than several: an idempotent kafkajs producer already serialises
 * its produce requests per broker (a lock held until the response), and when a request fails with
 * a retriable error it gives the lock up, so a later send would overtake it and break the order.
 */
export class Batcher {
  private queue: Call[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Set and cleared synchronously by drain(), so a message queued as a drain ends is never left behind. */
  private sending = false;
  private draining: Promise<void> = Promise.resolve();

  constructor(
    private readonly producer: ProducerPort,
    private readonly lingerMs: number,
    private readonly maxBatchSize: number,
    private readonly maxBatchBytes: number = MAX_BATCH_BYTES,
  ) {}

  /**
   * Resolves once the broker acknowledged every message (acks=all). A call larger than one send
   * is queued as consecutive chunks, which keeps its order; it fails if any chunk fails.
   */
  enqueue(items: QueuedMessage[]): Promise<void> {
    const origin = {};
    const chunks = chunksOf(items, this.maxBatchSize, this.maxBatchBytes).map((chunk) => this.enqueueChunk(chunk, origin));
    // Every chunk settles (the ones after a failure without being sent); the caller hears the first failure.
    return Promise.allSettled(chunks).then((settled) => {
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
    });
  }

  private enqueueChunk({ items, bytes }: { items: QueuedMessage[]; bytes: number }, origin: { failure?: Error }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ items, bytes, origin, resolve, reject });
      this.queued += items.length;
      if (this.sending) return; // the send in flight picks them up when it returns
      if (this.queued >= this.maxBatchSize) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.lingerMs);
    });
  }

  /** Sends everything queued so far; resolves when all of it has been acknowledged or has failed. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.sending) this.draining = this.drain();
    return this.draining;
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0) await this.send(this.takeBatch());
    } finally {
      this.sending = false;
    }
  }

  /** Whole calls, oldest first, up to maxBatchSize messages and maxBatchBytes (a chunk never exceeds either). */
  private takeBatch(): Call[] {
    let count = 0;
    let bytes = 0;
    let taken = 0;
    const fits = (call: Call) => count + call.items.length <= this.maxBatchSize && bytes + call.bytes <= this.maxBatchBytes;
    while (taken < this.queue.length && (taken === 0 || fits(this.queue[taken]))) {
      count += this.queue[taken].items.length;
      bytes += this.queue[taken].bytes;
      taken++;
    }
    this.queued -= count;
    return this.queue.splice(0, taken);
  }

  /** One producer send per topic (different topics share no partition, so they may go at once). */
  private async send(taken: Call[]): Promise<void> {
    const calls = taken.filter((chunk) => {
      if (!chunk.origin.failure) return true;
      chunk.reject(chunk.origin.failure);
      return false;
    });
    const byTopic = new Map<string, { messages: OutgoingMessage[]; calls: Set<Call> }>();
    for (const call of calls) {
      for (const { topic, message } of call.items) {
        let entry = byTopic.get(topic);
        if (!entry) byTopic.set(topic, (entry = { messages: [], calls: new Set() }));
        entry.messages.push(message);
        entry.calls.add(call);
      }
    }
    await Promise.all(
      [...byTopic].map(async ([topic, entry]) => {
        try {
          await this.producer.send(topic, entry.messages);
        } catch (error) {
          for (const chunk of entry.calls) chunk.failure ??= error as Error;
        }
      }),
    );
    for (const chunk of calls) {
      if (chunk.failure) {
        chunk.origin.failure ??= chunk.failure;
        chunk.reject(chunk.failure);
      } else chunk.resolve();
    }
  }
}

/** Consecutive runs of at most `maxCount` messages and `maxBytes` (a single larger message runs alone). */
function chunksOf(items: QueuedMessage[], maxCount: number, maxBytes: number): Array<{ items: QueuedMessage[]; bytes: number }> {
  const chunks: Array<{ items: QueuedMessage[]; bytes: number }> = [];
  let current = { items: [] as QueuedMessage[], bytes: 0 };
  for (const item of items) {
    const size = messageBytes(item.message);
    if (current.items.length > 0 && (current.items.length >= maxCount || current.bytes + size > maxBytes)) {
      chunks.push(current);
      current = { items: [], bytes: 0 };
    }
    current.items.push(item);
    current.bytes += size;
  }
  if (current.items.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}

function messageBytes(message: OutgoingMessage): number {
  let size = (message.key?.length ?? 0) + (message.value?.length ?? 0);
  for (const [name, value] of Object.entries(message.headers ?? {})) size += name.length + String(value).length;
  return size;
}
