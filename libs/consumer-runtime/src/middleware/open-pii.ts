import type { PiiOpener } from '@eventline/pii-sealing';
import { SealError, UnknownDataKeyError } from '@eventline/subject-keys';
import type { DecodedEvent, Middleware } from '../context';

/**
 * Opens each event's sealed personal data for the handlers: values back, or an Erased marker for
 * an erased subject. A blob that does not authenticate, or names a key the store never held (a
 * key table restored from an older backup), goes to the dead-letter topic, where it can be
 * replayed once the keys are back; a key store that cannot be reached fails the batch, to be
 * retried.
 */
export function openPii(opener: PiiOpener): Middleware {
  return async (context, next) => {
    const opened: DecodedEvent[] = [];
    for (const event of context.events) {
      try {
        await opener.open(event.envelope);
        opened.push(event);
      } catch (error) {
        if (!(error instanceof SealError || error instanceof UnknownDataKeyError)) throw error;
        context.deadLetters.push({ message: event.message, errorClass: error.name, reason: `its personal data cannot be opened: ${error.message}` });
      }
    }
    context.events = opened;
    await next();
  };
}
