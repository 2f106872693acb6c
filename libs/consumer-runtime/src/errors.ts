import type { DecodedEvent } from './context';

/** A handler's verdict that an event is invalid for it: dead-lettered, and the partition moves on. */
export class RejectedEventError extends Error {
  constructor(
    readonly event: DecodedEvent,
    reason: string,
  ) {
    super(reason);
    this.name = 'RejectedEventError';
  }
}

/** Bytes that no schema can read: not the wire format, an unknown schema id, or a corrupt body. */
export class UndecodableMessageError extends Error {
  constructor(
    readonly kind: 'undecodable' | 'unknown_schema',
    message: string,
  ) {
    super(message);
    this.name = kind === 'unknown_schema' ? 'UnknownSchemaError' : 'UndecodableMessageError';
  }
}
