import type { ClientBase } from 'pg';
import type { Catalog } from '@eventline/contracts';
import { RejectedEventError, type DecodedEvent } from '@eventline/consumer-runtime';
import { auditLogRow, domainEventRow } from './audit-rows';
import { insertAuditRows } from './audit-store';
import type { Pseudonyms } from './pii/pseudonyms';

/** Rows each table actually gained (ON CONFLICT skips events another writer already projected). */
export interface AuditProjectionResult {
  domainEvents: number;
  auditLogs: number;
  /** Events whose event_id was projected before: published twice, or delivered again past the offset guard. */
  alreadyProjected: DecodedEvent[];
}

/**
 * The audit projection of one partition batch, inside the batch's transaction: every event into
 * domain_events (the envelope) and audit_logs (who did what, without PII: see auditLogRow). An event keyed for
 * another tenant is refused with RejectedEventError (the runtime dead-letters it).
 */
export async function projectAuditEvents(tx: ClientBase, events: DecodedEvent[], catalog: Catalog, pseudonyms: Pseudonyms): Promise<AuditProjectionResult> {
  events.forEach(rejectMiskeyed);
  const auditRows = events.map((event) => ({ ...auditLogRow(event, catalog, pseudonyms), chain_topic: event.message.topic, chain_partition: event.message.partition }));
  const inserted = await insertAuditRows(tx, events.map(domainEventRow), auditRows);
  const gained = new Set(inserted.gained);
  return { domainEvents: gained.size, auditLogs: inserted.auditLogs, alreadyProjected: events.filter((event) => !gained.has(event.eventId.toLowerCase())) };
}

/** Keying by tenant is what keeps a tenant's events in order; an event keyed for another tenant is refused. */
export function rejectMiskeyed(event: DecodedEvent): void {
  if (event.message.key !== event.tenantId) {
    throw new RejectedEventError(event, `message key "${event.message.key}" does not match the event's tenant_id "${event.tenantId}"`);
  }
}
