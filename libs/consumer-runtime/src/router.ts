import type { EventType } from '@eventline/contracts';
import type { BatchContext, DecodedEvent } from './context';

/** The one handler signature: a partition batch's events (of the routed types), in order, with the batch context. */
export type EventHandler<T extends EventType = EventType, C extends BatchContext = BatchContext> = (events: Array<DecodedEvent<T>>, context: C) => Promise<void>;

export const ALL_EVENTS = '*';

/** What one route takes: every event, or the listed types (one call per batch with all of them, in order). */
export type RouteEvents = typeof ALL_EVENTS | readonly EventType[];

interface Route<C extends BatchContext> {
  events: RouteEvents;
  handler: EventHandler<EventType, C>;
}

/** Routes decoded events by event_type; a '*' route sees every event of the batch. */
export class EventRouter<C extends BatchContext = BatchContext> {
  private readonly routes: Array<Route<C>> = [];

  on<T extends EventType>(events: T | readonly T[] | typeof ALL_EVENTS, handler: EventHandler<T, C>): this {
    const listed: RouteEvents = events === ALL_EVENTS ? ALL_EVENTS : typeof events === 'string' ? [events] : events;
    this.routes.push({ events: listed, handler: handler as EventHandler<EventType, C> });
    return this;
  }

  /** The types some route takes, or '*' when one takes every event. */
  get eventTypes(): RouteEvents {
    if (this.routes.some((route) => route.events === ALL_EVENTS)) return ALL_EVENTS;
    return [...new Set(this.routes.flatMap((route) => route.events as readonly EventType[]))];
  }

  /** The terminal stage of the pipeline. */
  readonly dispatch = async (context: C): Promise<void> => {
    for (const { events: types, handler } of this.routes) {
      const events = types === ALL_EVENTS ? context.events : context.events.filter((event) => types.includes(event.eventType));
      if (events.length > 0) await handler(events, context);
    }
  };
}
