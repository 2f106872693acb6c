import type { ClientBase } from 'pg';
import { rejectMiskeyed } from '@eventline/audit-projection';
import type { DecodedEvent } from '@eventline/consumer-runtime';
import { usageRecordRow } from './usage-rows';
import { recordUsage, type UsageWriteResult } from './usage-store';

/**
 * The usage projection of one partition batch, inside the batch's transaction: the usage events
 * among them into usage_records and the usage_daily rollup. The usage topics also carry other
 * events (chat folders, …), which it skips. An event keyed for another tenant is refused with
 * RejectedEventError (the runtime dead-letters it), since its tenant's order is not kept.
 */
export async function projectUsageEvents(tx: ClientBase, events: DecodedEvent[], usageTypes: ReadonlySet<string>): Promise<UsageWriteResult> {
  const usage = events.filter((event) => usageTypes.has(event.eventType));
  usage.forEach(rejectMiskeyed);
  return recordUsage(tx, usage.map(usageRecordRow));
}
