// Compiled by typed-handlers.spec.ts (and `npm run typecheck`): each @ts-expect-error marks code that must not compile.
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Pool } from 'pg';
import { inTransaction, pipeline, storedOffsets, type DecodedEvent, type TransactionalContext } from '@eventline/consumer-runtime';
import { OnEvent } from '../on-event';

@Controller()
export class TypedHandlers {
  readonly seen: string[] = [];

  @OnEvent('TICKET_ASSIGNED')
  async assigned(@Payload() events: Array<DecodedEvent<'TICKET_ASSIGNED'>>, @Ctx() { tx }: TransactionalContext): Promise<void> {
    await tx.query('SELECT 1');
    this.seen.push(...events.map((event) => event.payload.newAssigneeId));
  }

  @OnEvent(['TICKET_ASSIGNED', 'PAYMENT_FAILED'])
  async either(@Payload() events: Array<DecodedEvent<'TICKET_ASSIGNED' | 'PAYMENT_FAILED'>>): Promise<void> {
    for (const event of events) this.seen.push(event.eventType === 'TICKET_ASSIGNED' ? event.payload.newAssigneeId : event.payload.clientId ?? 'no client');
  }

  @OnEvent('*')
  async everything(@Payload() events: DecodedEvent[]): Promise<void> {
    this.seen.push(...events.map((event) => event.envelope.tenant_id));
  }

  // @ts-expect-error: the catalog has no TICKET_ASIGNED
  @OnEvent('TICKET_ASIGNED')
  async misspelt(@Payload() events: DecodedEvent[]): Promise<void> {
    this.seen.push(String(events.length));
  }

  // @ts-expect-error: the handler takes PAYMENT_FAILED events, but it is routed TICKET_ASSIGNED ones
  @OnEvent('TICKET_ASSIGNED')
  async otherType(@Payload() events: Array<DecodedEvent<'PAYMENT_FAILED'>>): Promise<void> {
    this.seen.push(String(events.length));
  }

  @OnEvent('TICKET_ASSIGNED')
  async missingField(@Payload() events: Array<DecodedEvent<'TICKET_ASSIGNED'>>): Promise<void> {
    // @ts-expect-error: TICKET_ASSIGNED's payload has no assigneeEmail
    this.seen.push(events[0].payload.assigneeEmail);
  }

  // @ts-expect-error: a handler may not ask for more context than the transport gives
  @OnEvent('TICKET_ASSIGNED')
  async moreContext(@Payload() events: Array<DecodedEvent<'TICKET_ASSIGNED'>>, @Ctx() context: TransactionalContext & { span: string }): Promise<void> {
    this.seen.push(context.span, String(events.length));
  }
}

/** The pipeline's context grows with its stages: stored offsets compile only after the transaction. */
export const inOrder = (pool: Pool) => pipeline().use(inTransaction(pool)).use(storedOffsets(() => 'cluster'));

export const outOfOrder = (pool: Pool) =>
  // @ts-expect-error: stored offsets need the transaction's tx, which no earlier stage adds
  pipeline().use(storedOffsets(() => 'cluster')).use(inTransaction(pool));
