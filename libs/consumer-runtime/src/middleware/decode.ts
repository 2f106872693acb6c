import type { Middleware } from '../context';
import type { EventDecoder } from '../decode/event-decoder';
import { UndecodableMessageError } from '../errors';

/** Decodes each message; bytes no schema can read become dead letters instead of stopping the partition. */
export function decodeEvents(decoder: EventDecoder): Middleware {
  return async (context, next) => {
    context.events = [];
    for (const message of context.messages) {
      try {
        context.events.push(await decoder.decode(message));
      } catch (error) {
        if (!(error instanceof UndecodableMessageError)) throw error;
        context.deadLetters.push({ message, errorClass: error.name, reason: error.message });
      }
    }
    await next();
  };
}
