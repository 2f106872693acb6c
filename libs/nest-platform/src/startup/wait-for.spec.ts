import { NotReadyYet } from './retriable';
import { StartupState } from './startup-state';
import { StartupBudgetExceeded, waitFor, type WaitContext } from './wait-for';

/** Pure logic with a fake dependency: the probes that touch real servers are tested in the apps' start-up specs. */
function context(budgetMs: number, state = new StartupState()) {
  const lines: Array<{ details: any; message: string }> = [];
  const logger = { warn: (details: object, message: string) => lines.push({ details, message }), info: () => undefined };
  const ctx: WaitContext = { state, logger, deadline: Date.now() + budgetMs, budgetMs };
  return { ctx, lines, state };
}

describe('waitFor', () => {
  it('retries a dependency that is not ready yet until it answers, showing what it waits for meanwhile', async () => {
    const { ctx, state } = context(10_000);
    const seen: Array<string | undefined> = [];
    let calls = 0;
    const result = await waitFor(
      'kafka topics',
      async () => {
        seen.push(state.waiting?.dependency);
        if (++calls < 3) throw new NotReadyYet('not created yet: a.events.v1');
        return 'answered';
      },
      ctx,
    );
    expect(result).toBe('answered');
    expect(calls).toBe(3);
    expect(seen).toEqual([undefined, 'kafka topics', 'kafka topics']);
    expect(state.waiting).toBeUndefined();
  });

  it('gives up when the budget runs out, naming the dependency, the variable and the last error', async () => {
    const { ctx, lines } = context(1_200);
    const started = Date.now();
    const failure = waitFor('schema registry', () => Promise.reject(new NotReadyYet('connect ECONNREFUSED')), ctx);
    await expect(failure).rejects.toThrow(new StartupBudgetExceeded('schema registry', 1_200, new NotReadyYet('connect ECONNREFUSED')));
    await expect(failure).rejects.toThrow('schema registry did not answer within EVENTLINE_STARTUP_BUDGET_S=1.2s: connect ECONNREFUSED');
    expect(Date.now() - started).toBeLessThan(3_000);
    // Several attempts, one log line: at most one every few seconds.
    expect(lines).toHaveLength(1);
    expect(lines[0].message).toBe('waiting for schema registry: connect ECONNREFUSED');
    expect(lines[0].details).toMatchObject({ dependency: 'schema registry', attempt: 1 });
  });

  it('fails at once on an error that waiting cannot fix', async () => {
    const { ctx } = context(10_000);
    let calls = 0;
    const failure = waitFor(
      'database',
      async () => {
        calls++;
        throw Object.assign(new Error('password authentication failed'), { code: '28P01' });
      },
      ctx,
    );
    await expect(failure).rejects.toThrow('password authentication failed');
    expect(calls).toBe(1);
  });

  it('stops waiting as soon as the app shuts down', async () => {
    const { ctx, state } = context(60_000);
    const failure = waitFor('kafka', () => Promise.reject(new NotReadyYet('refused')), ctx);
    setTimeout(() => state.onModuleDestroy(), 300);
    const started = Date.now();
    await expect(failure).rejects.toThrow('the app is shutting down');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(state.stopping).toBe(true);
  });
});
