import type { DecodedEvent } from '@eventline/consumer-runtime';
import { backoffMs } from './delivery/delivery-settings';
import { suppressionOf } from './suppressions/record-suppressions';

const event = (eventType: string, payload: Record<string, unknown>) => ({ eventType, eventId: 'e', tenantId: 't', envelope: { payload } }) as unknown as DecodedEvent;

describe('suppressions', () => {
  it('suppress on unsubscribe, hard bounce and complaint, not on a soft bounce', () => {
    expect(suppressionOf(event('EMAIL_UNSUBSCRIBED', { recipientEmail: 'a@x.io' }))).toEqual({ address: 'a@x.io', reason: 'unsubscribed' });
    expect(suppressionOf(event('EMAIL_BOUNCED', { to: 'b@x.io', bounceType: 'hard' }))).toEqual({ address: 'b@x.io', reason: 'hard_bounce' });
    expect(suppressionOf(event('EMAIL_BOUNCED', { to: 'b@x.io', bounceType: 'soft' }))).toBeUndefined();
    expect(suppressionOf(event('EMAIL_COMPLAINT_RECEIVED', { to: 'c@x.io' }))).toEqual({ address: 'c@x.io', reason: 'complaint' });
    expect(suppressionOf(event('TICKET_ASSIGNED', {}))).toBeUndefined();
  });
});

describe('retry backoff', () => {
  it('doubles from the base after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts, 500))).toEqual([500, 1_000, 2_000, 4_000]);
  });
});
