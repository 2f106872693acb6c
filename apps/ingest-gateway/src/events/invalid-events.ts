import { BatchValidationError, EventValidationError } from '@eventline/publisher';
import { GatewayError } from '../http/gateway-error';

export interface FieldError {
  /** Dotted path from the event's root, e.g. `payload.assignedAt`; empty for the event itself. */
  field: string;
  reason: string;
}

export interface InvalidEvent {
  index: number;
  event_type: string | null;
  errors: FieldError[];
}

/** 400 naming every invalid event of the request by its position, and each of its bad fields. */
export function invalidEvents(events: InvalidEvent[]): GatewayError {
  const message = `${events.length} event(s) are invalid, so none of the request was published.`;
  return new GatewayError(400, 'invalid_events', message, { events });
}

/** The publisher's validation errors, or undefined for any other error. */
export function fromValidationError(error: unknown): InvalidEvent[] | undefined {
  if (error instanceof EventValidationError) return [toInvalidEvent(0, error)];
  if (error instanceof BatchValidationError) return error.failures.map((failure) => toInvalidEvent(failure.index, failure.error));
  return undefined;
}

function toInvalidEvent(index: number, error: EventValidationError): InvalidEvent {
  return { index, event_type: error.eventType || null, errors: error.problems.map((problem) => ({ field: problem.path, reason: problem.reason })) };
}
