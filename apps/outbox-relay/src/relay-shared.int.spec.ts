import { eventually, uniqueName } from '@eventline/test-harness';
import { relaySuite } from './testing/relay-suite';

describe('two outbox-relay processes on one outbox', () => {
  jest.setTimeout(240_000);
  const suite = relaySuite();

  it('shares the outbox between two relays without double sends, in per-tenant order', async () => {
    const tenants = Array.from({ length: 8 }, () => uniqueName('shared'));
    await Promise.all([suite.startRelay(50), suite.startRelay(50)]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const committed = await suite.commitEvents(tenants, 250);
    await eventually('every row published', async () => ((await suite.publishedCount(tenants)) === 2_000 ? true : undefined), 120_000);
    const received = await suite.messagesByTenant(tenants, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const again = await suite.messagesByTenant(tenants, 2_000);
    expect(again).toEqual(received);
    expect(received).toEqual(committed);
  });
});
