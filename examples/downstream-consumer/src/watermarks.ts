import type { PoolClient } from 'pg';
import type { DecodedEvent } from '@eventline/consumer-runtime';
import { eventTime, nullableTime } from './event-time';

export const WATERMARK_EVENTS = ['ebook.watermark_issued'] as const;
export type WatermarkEvent = DecodedEvent<(typeof WATERMARK_EVENTS)[number]>;

/** One ebook_watermark_events row per issuance (seed 000), keyed by the event's id: a redelivery adds nothing. */
export async function recordWatermarks(tx: PoolClient, events: WatermarkEvent[]): Promise<void> {
  for (const { eventId, tenantId, payload: p } of events) {
    await tx.query(
      `INSERT INTO ebook_watermark_events
         (event_id, tenant_id, watermark_id, ebook_id, user_id, format, device_id, ip_address, user_agent, download_count, download_limit, expires_at, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (event_id) DO NOTHING`,
      [eventId, tenantId, p.watermark_id, p.ebook_id, p.user_id, p.format, p.device_id, p.ip_address, p.user_agent, p.download_count, p.download_limit, nullableTime(p.expires_at), eventTime(p.issued_at)],
    );
  }
}
