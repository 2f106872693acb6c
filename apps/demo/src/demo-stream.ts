import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { findEvent, type Catalog } from '@eventline/contracts';
import { OutboxWriter } from '@eventline/outbox';
import { withTransaction } from '@eventline/persistence';
import type { Publisher, UntypedEventInput } from '@eventline/publisher';
import { samplePayload } from './sample-payload';

/** The mix the demo publishes: event type and weight, with scenario overrides where a pipeline needs them. */
const MIX: Array<{ type: string; weight: number; overrides?: (n: number) => Record<string, unknown> }> = [
  { type: 'TICKET_ASSIGNED', weight: 20 },
  { type: 'TICKET_CUSTOMER_REPLIED', weight: 5 },
  { type: 'chat_message_sent', weight: 20 },
  { type: 'ai_response.created', weight: 5 },
  { type: 'POST_GENERATED', weight: 5, overrides: () => ({ status: 'success', error_message: null }) },
  { type: 'community.message.created', weight: 15, overrides: (n) => ({ body: n % 10 === 0 ? 'get your free crypto giveaway at scamcoin' : `see you at the study group ${n}` }) },
  { type: 'dm.message.created', weight: 10, overrides: (n) => ({ body: `hi there ${n}` }) },
  { type: 'USER_LOGIN_FAILED', weight: 5, overrides: (n) => ({ status: 'failed', attempted_email: `person${n % 3}@example.com` }) },
  { type: 'INVOICE_OVERDUE', weight: 5 },
  { type: 'PAYMENT_FAILED', weight: 3 },
  { type: 'APPOINTMENT_CREATED', weight: 5 },
  { type: 'CartItemAdded', weight: 2 },
];

export const DEMO_TENANTS = ['acme', 'globex', 'initech', 'umbrella'];

export type Channel = 'sdk' | 'outbox' | 'gateway';

export class DemoStream {
  private n = 0;
  private readonly totalWeight = MIX.reduce((sum, m) => sum + m.weight, 0);
  readonly published: Record<Channel, number> = { sdk: 0, outbox: 0, gateway: 0 };

  constructor(
    private readonly catalog: Catalog,
    private readonly publisher: Publisher,
    private readonly pool: Pool,
    private readonly gateway: { url: string; key: string },
  ) {}

  /** Publishes `count` events, a third through each path: the SDK, the transactional outbox and the HTTP gateway. */
  async publish(count: number): Promise<void> {
    const events = Array.from({ length: count }, () => this.next());
    const third = Math.ceil(count / 3);
    await Promise.all([this.viaSdk(events.slice(0, third)), this.viaOutbox(events.slice(third, 2 * third)), this.viaGateway(events.slice(2 * third))]);
  }

  get total(): number {
    return this.published.sdk + this.published.outbox + this.published.gateway;
  }

  private next(): UntypedEventInput {
    const n = this.n++;
    const mix = this.pick(n);
    const contract = findEvent(this.catalog, mix.type);
    if (!contract) throw new Error(`demo event ${mix.type} is not in the catalog`);
    const tenant = DEMO_TENANTS[n % DEMO_TENANTS.length];
    return {
      event_type: mix.type,
      tenant_id: tenant,
      entity_id: `${contract.entityType}-${n % 500}`,
      actor: { id: `user-${n % 40}`, type: 'user' },
      correlation_id: randomUUID(),
      payload: samplePayload(contract.payloadSchema, n, mix.overrides?.(n) ?? {}),
    };
  }

  private pick(n: number) {
    let ticket = (n * 7919) % this.totalWeight;
    for (const entry of MIX) {
      if (ticket < entry.weight) return entry;
      ticket -= entry.weight;
    }
    return MIX[0];
  }

  private async viaSdk(events: UntypedEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await this.publisher.publishUntyped(events);
    this.published.sdk += events.length;
  }

  private async viaOutbox(events: UntypedEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await withTransaction(this.pool, (client) => new OutboxWriter(this.publisher).append(client, events));
    this.published.outbox += events.length;
  }

  private async viaGateway(events: UntypedEventInput[]): Promise<void> {
    for (let i = 0; i < events.length; i += 500) {
      const batch = events.slice(i, i + 500);
      const response = await fetch(`${this.gateway.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.gateway.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: batch }),
      });
      if (response.status !== 202) throw new Error(`gateway answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
      this.published.gateway += batch.length;
    }
  }
}
