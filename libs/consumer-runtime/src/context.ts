import type { PoolClient } from 'pg';
import type { IncomingMessage } from '@eventline/kafka-port';

/** An event decoded with the writer's schema and resolved to the reader's (the catalog's) schema. */
export interface DecodedEvent {
  eventType: string;
  eventId: string;
  tenantId: string;
  schemaId: number;
  /** The whole envelope, payload included, as the reader schema shapes it. */
  envelope: Record<string, unknown>;
  message: IncomingMessage;
}

/** A message that can never be processed, bound for the group's dead-letter topic. */
export interface DeadLetter {
  message: IncomingMessage;
  errorClass: string;
  reason: string;
}

/**
 * Everything about one partition's batch as it moves through the middleware: each middleware
 * reads and adds what it owns (Koa/Watermill style), so one handler signature serves all.
 */
export interface BatchContext {
  group: string;
  topic: string;
  partition: number;
  /** The fetched messages still to process (already-processed ones are dropped by the offsets middleware). */
  messages: IncomingMessage[];
  /** Offset after the last fetched message: where the group resumes once this batch is done. */
  nextOffset: string;
  highWatermark: string;
  events: DecodedEvent[];
  deadLetters: DeadLetter[];
  /** Set by the transaction middleware: the batch's rows and its offset commit together. */
  tx?: PoolClient;
  /** Events (by offset) a handler rejected in an earlier attempt of this transaction, with their dead letters. */
  rejected?: Map<string, DeadLetter>;
  heartbeat(): Promise<void>;
}

export type Next = () => Promise<void>;
export type Middleware = (context: BatchContext, next: Next) => Promise<void>;

/** compose(a, b, c)(ctx) runs a → b → c; each decides whether and when to call the next. */
export function compose(middlewares: Middleware[]): (context: BatchContext) => Promise<void> {
  return (context) => {
    const dispatch = (index: number): Promise<void> => (index < middlewares.length ? middlewares[index](context, () => dispatch(index + 1)) : Promise.resolve());
    return dispatch(0);
  };
}
