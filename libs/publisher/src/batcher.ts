import type { OutgoingMessage, ProducerPort } from '@eventline/kafka-port';

interface Pending {
  topic: string;
  message: OutgoingMessage;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Collects messages for up to `lingerMs` (or `maxBatchSize` messages) and sends them together.
 * Flushes run one after another, so messages leave in the order they were queued: one tenant's
 * events keep their order on each partition.
 */
export class Batcher {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly producer: ProducerPort,
    private readonly lingerMs: number,
    private readonly maxBatchSize: number,
  ) {}

  /** Resolves once the broker acknowledged the message (acks=all). */
  enqueue(items: Array<{ topic: string; message: OutgoingMessage }>): Promise<void[]> {
    const delivered = items.map(
      (item) => new Promise<void>((resolve, reject) => this.queue.push({ ...item, resolve, reject })),
    );
    if (this.queue.length >= this.maxBatchSize) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.lingerMs);
    return Promise.all(delivered);
  }

  /** Sends everything queued so far; resolves when it has been acknowledged or has failed. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = this.inFlight.then(() => this.send(batch));
    return this.inFlight;
  }

  private async send(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const byTopic = new Map<string, Pending[]>();
    for (const item of batch) {
      const items = byTopic.get(item.topic) ?? [];
      items.push(item);
      byTopic.set(item.topic, items);
    }
    await Promise.all(
      [...byTopic].map(async ([topic, items]) => {
        try {
          await this.producer.send(topic, items.map((item) => item.message));
          items.forEach((item) => item.resolve());
        } catch (error) {
          items.forEach((item) => item.reject(error as Error));
        }
      }),
    );
  }
}
