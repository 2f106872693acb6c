import type { BatchContext, DecodedEvent, Middleware } from './context';

/** The one handler signature: a partition batch's events (of the routed types), in order, with the batch context. */
export type EventHandler = (events: DecodedEvent[], context: BatchContext) => Promise<void>;

export const ALL_EVENTS = '*';

/** Routes decoded events by event_type; a '*' handler sees every event of the batch. */
export class EventRouter {
  private readonly routes: Array<{ eventType: string; handler: EventHandler }> = [];

  on(eventType: string, handler: EventHandler): this {
    this.routes.push({ eventType, handler });
    return this;
  }

  get eventTypes(): string[] {
    return [...new Set(this.routes.map((route) => route.eventType))];
  }

  /** The terminal middleware. */
  readonly dispatch: Middleware = async (context) => {
    for (const { eventType, handler } of this.routes) {
      const events = eventType === ALL_EVENTS ? context.events : context.events.filter((event) => event.eventType === eventType);
      if (events.length > 0) await handler(events, context);
    }
  };
}
