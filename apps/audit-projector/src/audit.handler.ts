import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Catalog } from '@eventline/contracts';
import type { BatchContext, DecodedEvent } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { CATALOG } from '@eventline/nest-platform';
import { projectAuditEvents } from '@eventline/audit-projection';

/** Projects every event into domain_events (the envelope) and audit_logs (who did what, without PII). Message handlers live on controllers in Nest. */
@Controller()
export class AuditHandler {
  private readonly logger = new Logger(AuditHandler.name);

  constructor(@Inject(CATALOG) private readonly catalog: Catalog) {}

  @OnEvent('*')
  async project(@Payload() events: DecodedEvent[], @Ctx() context: BatchContext): Promise<void> {
    const tx = context.tx;
    if (!tx) throw new Error('the audit projection needs the transactional consumer (a database pool)');
    const gained = await projectAuditEvents(tx, events, this.catalog);
    // Stored offsets filter re-deliveries before they reach here; ON CONFLICT would hide any that slip through, so they are counted out loud.
    const repeated = events.length - gained.domainEvents;
    if (repeated > 0) this.logger.warn({ repeated, topic: context.topic, partition: context.partition }, 'events already projected reached the handler again');
  }
}
