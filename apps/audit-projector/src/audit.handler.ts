import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Catalog } from '@eventline/contracts';
import type { BatchContext, DecodedEvent } from '@eventline/consumer-runtime';
import { OnEvent } from '@eventline/consumer-nest';
import { CATALOG } from '@eventline/nest-platform';
import { projectAuditEvents } from '@eventline/audit-projection';

/** Projects every event into domain_events (the envelope) and audit_logs (who did what, without PII). Message handlers live on controllers in Nest. */
@Controller()
export class AuditHandler {
  constructor(@Inject(CATALOG) private readonly catalog: Catalog) {}

  @OnEvent('*')
  async project(@Payload() events: DecodedEvent[], @Ctx() context: BatchContext): Promise<void> {
    const tx = context.tx;
    if (!tx) throw new Error('the audit projection needs the transactional consumer (a database pool)');
    await projectAuditEvents(tx, events, this.catalog);
  }
}
