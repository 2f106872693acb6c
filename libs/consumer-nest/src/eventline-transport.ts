import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import type { Pool } from 'pg';
import { lastValueFrom } from 'rxjs';
import { ALL_EVENTS, EventConsumer, EventRouter, type ConsumerStatus, type DecodedEvent, type EventConsumerOptions, type RouteEvents, type TransactionalContext } from '@eventline/consumer-runtime';
import { declarationOf, type OnEventDeclaration } from './on-event';

export type TransportOptions = Omit<EventConsumerOptions<TransactionalContext>, 'router' | 'pool'> & {
  /** Handlers write inside the batch's transaction, with the group's offsets: Nest handlers always have `tx`. */
  pool: Pool;
  /** The event types the app's subscription covers: a handler of any other type is a mistake, caught at start. */
  subscribed: RouteEvents;
};

/**
 * A @nestjs/microservices transport strategy: @OnEvent handlers become routes of an Eventline
 * consumer (batches per partition, offsets in PostgreSQL, retries, dead letters) — what the stock
 * Kafka transport does not offer.
 */
export class EventlineTransport extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer<TransactionalContext> | undefined;

  constructor(private readonly options: TransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    let router: EventRouter<TransactionalContext>;
    try {
      router = this.router();
    } catch (error) {
      return callback(error);
    }
    const consumer = new EventConsumer<TransactionalContext>({ ...this.options, router });
    this.consumer = consumer;
    // A start that failed (a topic not hosted yet) leaves nothing connected, so listen() can be retried.
    consumer.start().then(
      () => callback(),
      (error: unknown) =>
        void consumer
          .stop()
          .catch(() => undefined)
          .finally(() => callback(error)),
    );
  }

  private router(): EventRouter<TransactionalContext> {
    const router = new EventRouter<TransactionalContext>();
    for (const [pattern, handler] of this.messageHandlers) {
      const declaration = declarationOf(pattern);
      if (!declaration) throw new Error(`@EventPattern(${JSON.stringify(pattern)}) is not an Eventline handler: declare it with @OnEvent`);
      this.checkSubscribed(declaration);
      router.on(declaration.events, async (events: DecodedEvent[], context: TransactionalContext) => {
        const result = await handler(events, context);
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      });
    }
    return router;
  }

  private checkSubscribed({ handler, events }: OnEventDeclaration): void {
    const { subscribed } = this.options;
    if (subscribed === ALL_EVENTS) return;
    const outside = events === ALL_EVENTS ? ['*'] : events.filter((type) => !subscribed.includes(type));
    if (outside.length > 0) throw new Error(`${handler} handles ${outside.join(', ')}, which the app's subscription does not cover: add them to its subscription (subscription.ts)`);
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
