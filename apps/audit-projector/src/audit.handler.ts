import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Catalog } from '@eventline/contracts';
import type { DecodedEvent, TransactionalContext } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { CATALOG } from '@eventline/nest-platform';
import { projectAuditEvents, Pseudonyms } from '@eventline/audit-projection';
import { pseudonymKeyFile } from '@eventline/stack-config';

/** Projects every event into domain_events (the envelope) and audit_logs (who did what, without PII). Message handlers live on controllers in Nest. */
@Controller()
export class AuditHandler {
  private readonly logger = new Logger(AuditHandler.name);
  private readonly pseudonyms = Pseudonyms.fromFile(pseudonymKeyFile());

  constructor(@Inject(CATALOG) private readonly catalog: Catalog) {}

  @OnEvent('*')
  async project(@Payload() events: DecodedEvent[], @Ctx() context: TransactionalContext): Promise<void> {
    const { alreadyProjected } = await projectAuditEvents(context.tx, events, this.catalog, this.pseudonyms);
    // Stored offsets filter re-deliveries before they reach here, so these were published twice (at-least-once producers) — or the guard failed. ON CONFLICT would hide either, so they are named.
    if (alreadyProjected.length > 0) {
      const sample = alreadyProjected.slice(0, 20).map((event) => ({ tenant: event.tenantId, eventId: event.eventId, offset: event.message.offset }));
      this.logger.warn({ count: alreadyProjected.length, topic: context.topic, partition: context.partition, sample }, 'events already projected reached the handler again');
    }
  }
}
