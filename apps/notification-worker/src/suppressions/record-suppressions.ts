import type { ClientBase } from 'pg';
import { envelopeRecord, type DecodedEvent } from '@eventline/consumer-runtime';
import type { EventType } from '@eventline/contracts';
import { isErased } from '@eventline/pii-sealing';

export type SuppressionReason = 'unsubscribed' | 'hard_bounce' | 'complaint';

/** The email events that can stop further mail to an address. */
export const SUPPRESSION_EVENT_TYPES = ['EMAIL_UNSUBSCRIBED', 'EMAIL_BOUNCED', 'EMAIL_COMPLAINT_RECEIVED'] as const satisfies readonly EventType[];

/**
 * Which email events stop further mail to an address. Soft bounces are transient and do not. An
 * erased address suppresses nothing: it can no longer be mailed anyway.
 */
export function suppressionOf(event: DecodedEvent): { address: string; reason: SuppressionReason } | undefined {
  const payload = envelopeRecord(event).payload ?? {};
  const suppress = (address: unknown, reason: SuppressionReason) => (isErased(address) ? undefined : { address: String(address), reason });
  switch (event.eventType) {
    case 'EMAIL_UNSUBSCRIBED':
      return suppress(payload.recipientEmail, 'unsubscribed');
    case 'EMAIL_BOUNCED':
      return String(payload.bounceType).toLowerCase() === 'hard' ? suppress(payload.to, 'hard_bounce') : undefined;
    case 'EMAIL_COMPLAINT_RECEIVED':
      return suppress(payload.to, 'complaint');
    default:
      return undefined;
  }
}

/** The first reason recorded for an address stays: it is what the address was suppressed for. */
export async function recordSuppressions(tx: ClientBase, events: DecodedEvent[]): Promise<void> {
  const rows = events.flatMap((event) => {
    const suppression = suppressionOf(event);
    return suppression ? [{ tenantId: event.tenantId, address: suppression.address.toLowerCase(), reason: suppression.reason }] : [];
  });
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO notification_suppressions (tenant_id, address, reason)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (tenant_id, address) DO NOTHING`,
    [rows.map((r) => r.tenantId), rows.map((r) => r.address), rows.map((r) => r.reason)],
  );
}
