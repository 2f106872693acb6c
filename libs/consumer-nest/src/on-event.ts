import { EventPattern } from '@nestjs/microservices';
import type { EventType } from '@eventline/contracts';
import { ALL_EVENTS, type DecodedEvent, type RouteEvents, type TransactionalContext } from '@eventline/consumer-runtime';

/** The handler signature @OnEvent checks: the batch's events of the listed types, and the transactional context. */
export type EventHandlerMethod<T extends EventType> = (events: Array<DecodedEvent<T>>, context: TransactionalContext) => Promise<void>;

type HandlerDecorator<T extends EventType> = <M extends EventHandlerMethod<T>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void;

/** Where the catalog's exporter reads a handler's declaration (`npm run subscriptions:export`). */
export const ON_EVENT_METADATA = 'eventline:on-event';

export interface OnEventDeclaration {
  /** `<Class>.<method>`. */
  handler: string;
  events: RouteEvents;
}

const PATTERN_PREFIX = 'eventline|';

/**
 * Marks a controller method as the handler of the listed event types ('*' for every event), typed
 * from the generated contracts: `@OnEvent('TICKET_ASSIGNED')` hands the method
 * `DecodedEvent<'TICKET_ASSIGNED'>[]`, and an event type the catalog lacks does not compile. The
 * method runs once per partition batch with all of its events of those types, in order.
 */
export function OnEvent<T extends EventType>(events: T | readonly T[]): HandlerDecorator<T>;
export function OnEvent(events: typeof ALL_EVENTS): HandlerDecorator<EventType>;
export function OnEvent(events: EventType | readonly EventType[] | typeof ALL_EVENTS): HandlerDecorator<EventType> {
  const listed: RouteEvents = events === ALL_EVENTS ? ALL_EVENTS : typeof events === 'string' ? [events] : [...events];
  return (target, key, descriptor) => {
    const declaration: OnEventDeclaration = { handler: `${target.constructor.name}.${String(key)}`, events: listed };
    Reflect.defineMetadata(ON_EVENT_METADATA, declaration, target, key);
    // One Nest pattern per handler, so a handler of several types gets them in one call, in offset order.
    (EventPattern(PATTERN_PREFIX + JSON.stringify(declaration)) as MethodDecorator)(target, key, descriptor);
  };
}

/** The declaration behind a pattern the transport receives from Nest, or undefined for a foreign @EventPattern. */
export function declarationOf(pattern: string): OnEventDeclaration | undefined {
  return pattern.startsWith(PATTERN_PREFIX) ? (JSON.parse(pattern.slice(PATTERN_PREFIX.length)) as OnEventDeclaration) : undefined;
}
