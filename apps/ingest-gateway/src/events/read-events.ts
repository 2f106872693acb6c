import type { UntypedEventInput } from '@eventline/publisher';
import { GatewayError } from '../http/gateway-error';
import { EVENT_FIELDS } from './event-fields';
import { invalidEvents, type InvalidEvent } from './invalid-events';

const KNOWN = new Set<string>(EVENT_FIELDS);

/**
 * The events of a request body: one event object, a JSON array of events, or {"events": [...]}.
 * Unknown top-level fields are refused here because the publisher would drop them silently,
 * and a misspelt optional field (say `correlationId`) should not vanish without a word.
 */
export function readEvents(body: unknown, maxBatchSize: number): UntypedEventInput[] {
  const events = eventList(body);
  if (events.length === 0) throw invalidBody('The request carries no events.');
  if (events.length > maxBatchSize) {
    throw new GatewayError(400, 'batch_too_large', `A request may carry at most ${maxBatchSize} events; this one has ${events.length}.`, {
      max_events: maxBatchSize,
      received: events.length,
    });
  }
  const invalid = events.map(shapeProblems).filter((problem): problem is InvalidEvent => problem !== undefined);
  if (invalid.length > 0) throw invalidEvents(invalid);
  return events as UntypedEventInput[];
}

function eventList(body: unknown): unknown[] {
  if (body === undefined) throw invalidBody('The request body is empty; send one event object, a JSON array of events, or {"events": [...]}.');
  if (Array.isArray(body)) return body;
  if (!isObject(body)) throw invalidBody('The request body must be one event object, a JSON array of events, or {"events": [...]}.');
  if (!('events' in body)) return [body];
  const extra = Object.keys(body).filter((key) => key !== 'events');
  if (!Array.isArray(body.events)) throw invalidBody('"events" must be an array of event objects.');
  if (extra.length > 0) throw invalidBody(`A batch is {"events": [...]} alone; unexpected field(s): ${extra.join(', ')}.`);
  return body.events;
}

function shapeProblems(event: unknown, index: number): InvalidEvent | undefined {
  if (!isObject(event)) return { index, event_type: null, errors: [{ field: '', reason: 'must be a JSON object' }] };
  const unknown = Object.keys(event).filter((key) => !KNOWN.has(key));
  if (unknown.length === 0) return undefined;
  const eventType = typeof event.event_type === 'string' ? event.event_type : null;
  return { index, event_type: eventType, errors: unknown.map((field) => ({ field, reason: `is not a field of an event (allowed: ${EVENT_FIELDS.join(', ')})` })) };
}

function invalidBody(message: string): GatewayError {
  return new GatewayError(400, 'invalid_body', message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
