import type { EventPayloads, EventType } from '@eventline/contracts';

type Nullable<T> = { [K in keyof T]: null extends T[K] ? K : never }[keyof T];

/** A payload as callers write it: fields that may be null may also be left out (their default is used). */
export type PayloadInput<P> = Omit<P, Nullable<P>> & Partial<Pick<P, Nullable<P>>>;

export interface Actor {
  id: string;
  type: 'user' | 'contact' | 'service_account' | 'system' | 'ai_model';
}

/** What a producer supplies; the publisher fills event_id, occurred_at, schema_version and source. */
export interface EventInput<T extends EventType = EventType> {
  event_type: T;
  tenant_id: string;
  entity_id: string;
  payload: PayloadInput<EventPayloads[T]>;
  /** Defaults to the catalog's entity type for this event. */
  entity_type?: string;
  actor?: Actor;
  event_id?: string;
  /** Epoch milliseconds, an ISO-8601 string or a Date; defaults to now. */
  occurred_at?: number | string | Date;
  correlation_id?: string | null;
  causation_id?: string | null;
  confidence?: number | null;
  model?: { name: string; version?: string | null } | null;
  /** The producing service; defaults to the publisher's. The outbox relay keeps the original producer's. */
  source?: string;
  /** W3C trace context, carried in headers when present. */
  traceparent?: string;
  tracestate?: string;
}

/** The same shape without compile-time typing: JSON from the HTTP gateway, the CLI or another language. */
export type UntypedEventInput = Omit<EventInput, 'event_type' | 'payload'> & { event_type: string; payload: unknown };
