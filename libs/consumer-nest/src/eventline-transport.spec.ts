import 'reflect-metadata';
import type { Pool } from 'pg';
import type { TransportOptions } from './eventline-transport';
import { EventlineTransport } from './eventline-transport';
import { OnEvent } from './on-event';

class Handlers {
  @OnEvent('TICKET_ASSIGNED')
  async assigned(): Promise<void> {}

  @OnEvent(['PAYMENT_FAILED', 'INVOICE_OVERDUE'])
  async billing(): Promise<void> {}
}

// Checked before anything connects, so no broker is needed: the consumer is never built.
const options = (subscribed: TransportOptions['subscribed']) => ({ subscribed, pool: {} as Pool }) as unknown as TransportOptions;

function listenWith(subscribed: TransportOptions['subscribed'], register: (transport: EventlineTransport) => void): Promise<unknown> {
  const transport = new EventlineTransport(options(subscribed));
  register(transport);
  return new Promise((resolve) => transport.listen(resolve));
}

const patternOf = (method: keyof Handlers): string => (Reflect.getMetadata('microservices:pattern', Handlers.prototype[method]) as string[])[0];
const addAll = (transport: EventlineTransport) => (['assigned', 'billing'] as const).forEach((method) => transport.addHandler(patternOf(method), async () => undefined, true));

describe('EventlineTransport', () => {
  it("refuses to start with a handler of a type the app's subscription does not cover, naming the handler and the type", async () => {
    const error = await listenWith(['TICKET_ASSIGNED', 'PAYMENT_FAILED'], addAll);
    expect(String(error)).toContain("Handlers.billing handles INVOICE_OVERDUE, which the app's subscription does not cover");
  });

  it('refuses a Nest @EventPattern that is not an @OnEvent handler', async () => {
    const error = await listenWith('*', (transport) => transport.addHandler('TICKET_ASSIGNED', async () => undefined, true));
    expect(String(error)).toContain('@EventPattern("TICKET_ASSIGNED") is not an Eventline handler: declare it with @OnEvent');
  });
});
