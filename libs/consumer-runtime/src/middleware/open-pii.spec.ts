import type { IncomingMessage } from '@eventline/kafka-port';
import type { PiiOpener } from '@eventline/pii-sealing';
import { SealError, UnknownDataKeyError } from '@eventline/subject-keys';
import { decodedEvent, envelopeRecord, type BatchContext, type DecodedEvent } from '../context';
import { openPii } from './open-pii';

const message = (offset: number): IncomingMessage => ({ topic: 'users', partition: 0, offset: String(offset), key: 't', value: null, headers: {}, timestamp: 0 });

/** An event whose envelope says how the fake opener should fare with it; `plain` carries no personal data. */
function event(offset: number, outcome: 'opens' | 'forged' | 'unknown-key' | 'store-down' | 'plain'): DecodedEvent {
  const pii_sealed = outcome === 'plain' ? null : [{ subject_ref: `s-${offset}`, generation: 1, fields: ['email'], sealed: 'AAAA' }];
  return decodedEvent({
    eventType: 'USER_REGISTERED',
    eventId: `e-${offset}`,
    tenantId: 't',
    schemaId: 1,
    envelope: { tenant_id: 't', outcome, pii_sealed, payload: { email: 'sealed' } },
    message: message(offset),
  });
}

/**
 * The opener's crypto is PiiOpener's own (tested with real keys in open-pii.int.spec.ts); here it
 * only answers as the real one does: fills the field, or throws the errors the middleware sorts.
 */
const fakeOpener = {
  open: async (envelope: Record<string, unknown>) => {
    switch (envelope.outcome) {
      case 'opens':
        return void ((envelope.payload as Record<string, unknown>).email = 'ana@example.com');
      case 'forged':
        throw new SealError('the sealed blob does not authenticate');
      case 'unknown-key':
        throw new UnknownDataKeyError('t', { ref: 's-2', generation: 1 });
      case 'store-down':
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    }
  },
} as unknown as PiiOpener;

function batch(events: DecodedEvent[]): BatchContext {
  return { group: 'g', topic: 'users', partition: 0, messages: events.map((e) => e.message), nextOffset: '9', highWatermark: '9', events, deadLetters: [], heartbeat: async () => undefined };
}

describe('openPii middleware', () => {
  it("opens each event's personal data for the handlers and dead-letters those whose data cannot be opened", async () => {
    const context = batch([event(0, 'opens'), event(1, 'forged'), event(2, 'unknown-key'), event(3, 'plain')]);
    let handed: DecodedEvent[] = [];
    await openPii(fakeOpener)(context, async () => void (handed = context.events));

    expect(handed.map((e) => [e.eventId, envelopeRecord(e).payload.email])).toEqual([
      ['e-0', 'ana@example.com'],
      ['e-3', 'sealed'],
    ]);
    expect(context.deadLetters.map((l) => [l.message.offset, l.errorClass, l.reason])).toEqual([
      ['1', 'SealError', 'its personal data cannot be opened: the sealed blob does not authenticate'],
      ['2', 'UnknownDataKeyError', expect.stringMatching(/^its personal data cannot be opened: no data key s-2\/1 for tenant t/)],
    ]);
  });

  it('dead-letters sealed events when no master key is configured, and passes events without personal data', async () => {
    const context = batch([event(0, 'opens'), event(1, 'plain')]);
    await openPii(undefined)(context, async () => undefined);
    expect(context.events.map((e) => e.eventId)).toEqual(['e-1']);
    expect(context.deadLetters).toEqual([{ message: message(0), errorClass: 'SealError', reason: expect.stringMatching(/no master key is configured \(EVENTLINE_MASTER_KEY_FILE\)/) }]);
  });

  it('fails the whole batch, to be retried, when the key store cannot be reached', async () => {
    const context = batch([event(0, 'opens'), event(1, 'store-down')]);
    let called = false;
    await expect(openPii(fakeOpener)(context, async () => void (called = true))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(called).toBe(false);
    expect(context.deadLetters).toEqual([]);
  });
});
