import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EventConsumer, EventRouter, type BatchContext, type ConsumerStatus, type DecodedEvent, type EventConsumerOptions } from '@eventline/consumer-runtime';

export type TransportOptions = Omit<EventConsumerOptions, 'router'>;

/**
 * A @nestjs/microservices transport strategy: @OnEvent handlers become routes of an Eventline
 * consumer (batches per partition, offsets in PostgreSQL, retries, dead letters) — what the stock
 * Kafka transport does not offer.
 */
export class EventlineTransport extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer | undefined;

  constructor(private readonly options: TransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    const router = new EventRouter();
    for (const [pattern, handler] of this.messageHandlers) {
      router.on(pattern, async (events: DecodedEvent[], context: BatchContext) => {
        const result = await handler(events, context);
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      });
    }
    const consumer = new EventConsumer({ ...this.options, router });
    this.consumer = consumer;
    // A start that failed (a topic not hosted yet) leaves nothing connected, so listen() can be retried.
    consumer.start().then(
      () => callback(),
      (error: unknown) => void consumer.stop().catch(() => undefined).finally(() => callback(error)),
    );
  }

  /** The consumer's own readiness: running, and no partition stalled. */
  consumerStatus(): ConsumerStatus {
    return this.consumer?.status() ?? { state: 'starting', ready: false, stalled: [] };
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('EventlineTransport has no event listeners to register');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
