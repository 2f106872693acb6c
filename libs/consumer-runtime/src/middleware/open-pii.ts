import type { PiiOpener } from '@eventline/pii-sealing';
import { SealError, UnknownDataKeyError } from '@eventline/subject-keys';
import { envelopeRecord, type DecodedEvent, type Middleware } from '../context';

/**
 * Opens each event's sealed personal data for the handlers: values back, or an Erased marker for
 * an erased subject. A blob that does not authenticate, or names a key the store never held (a
 * key table restored from an older backup), goes to the dead-letter topic, where it can be
 * replayed once the keys are back; a key store that cannot be reached fails the batch, to be
 * retried. Without an opener (no master key configured), a sealed event is dead-lettered too:
 * handlers that act on personal data must never act on its placeholders.
 */
export function openPii(opener: PiiOpener | undefined): Middleware {
  return async (context, next) => {
    const opened: DecodedEvent[] = [];
    for (const event of context.events) {
      try {
        if (!opener && event.envelope.pii_sealed) throw new SealError('no master key is configured (EVENTLINE_MASTER_KEY_FILE), so sealed personal data cannot be opened');
        await opener?.open(envelopeRecord(event));
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
