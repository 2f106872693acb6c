import { eventually, uniqueName } from '@eventline/test-harness';
import { PORT_A, PORT_B, WAIT, chatMessage, postGenerated, projectedTotal, projectorSuite, startProjector } from './testing/usage-fixtures';

describe('usage-projector scaled out to two instances', () => {
  jest.setTimeout(400_000);
  const suite = projectorSuite('usage-projector-scale-test');

  it('two instances in one group share the partitions and project every event exactly once', async () => {
    suite.running.push(await startProjector(PORT_B));
    const tenants = Array.from({ length: 10 }, (_, i) => uniqueName(`pair-${i}`));
    const total = 2_000;
    const projectedByA = await projectedTotal(PORT_A);

    // Published in waves over ~20 s, so the rebalance that hands B its partitions happens while
    // events are still arriving rather than after A has drained them all.
    const events = Array.from({ length: total }, (_, n) => (n % 4 === 3 ? postGenerated(tenants[n % 10], `user-${n % 7}`, 10) : chatMessage(tenants[n % 10], `user-${n % 7}`, 'gpt-4', 10, 5)));
    for (let i = 0; i < total; i += 50) {
      await suite.publisher.publishUntyped(events.slice(i, i + 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await eventually(`${total} usage records`, async () => ((await suite.records(tenants)) >= total ? true : undefined), WAIT);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    expect(await suite.records(tenants)).toBe(total);
    const distinct = await suite.pool.query('SELECT count(DISTINCT event_id) AS n FROM usage_records WHERE tenant_id = ANY($1)', [tenants]);
    expect(Number(distinct.rows[0].n)).toBe(total);
    const rollup = await suite.pool.query('SELECT sum(events)::int AS events, sum(input_tokens)::int AS input FROM usage_daily WHERE tenant_id = ANY($1)', [tenants]);
    expect(rollup.rows[0]).toEqual({ events: total, input: 1_500 * 10 + 500 * 10 });
    expect((await projectedTotal(PORT_A)) - projectedByA).toBeGreaterThan(0);
    expect(await projectedTotal(PORT_B)).toBeGreaterThan(0);
  });
});
