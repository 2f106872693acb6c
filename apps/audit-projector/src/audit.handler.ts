import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Catalog } from '@eventline/contracts';
import { RejectedEventError, type BatchContext, type DecodedEvent } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { CATALOG } from '@eventline/nest-platform';
import { auditLogRow, domainEventRow } from './audit-rows';
import { insertAuditLogs, insertDomainEvents } from './audit-store';

/** Projects every event into domain_events (the envelope) and audit_logs (who did what, without PII). Message handlers live on controllers in Nest. */
@Controller()
export class AuditHandler {
  constructor(@Inject(CATALOG) private readonly catalog: Catalog) {}

  @OnEvent('*')
  async project(@Payload() events: DecodedEvent[], @Ctx() context: BatchContext): Promise<void> {
    const tx = context.tx;
    if (!tx) throw new Error('the audit projection needs the transactional consumer (a database pool)');
    events.forEach(rejectMiskeyed);
    await insertDomainEvents(tx, events.map(domainEventRow));
    await insertAuditLogs(tx, events.map((event) => auditLogRow(event, this.catalog)));
  }
}

/** Keying by tenant is what keeps a tenant's events in order; an event keyed for another tenant is refused. */
function rejectMiskeyed(event: DecodedEvent): void {
  if (event.message.key !== event.tenantId) {
    throw new RejectedEventError(event, `message key "${event.message.key}" does not match the event's tenant_id "${event.tenantId}"`);
  }
}
