import { eventually, freePort, health, startAppUnderTest, type AppUnderTest } from '@eventline/test-harness';

/** Apps that wait for a broker nobody starts: a port that refuses every connection. */
describe('outbox-relay when a dependency never answers', () => {
  jest.setTimeout(58_000);
  const started: AppUnderTest[] = [];
  afterAll(() => Promise.all(started.map((relay) => relay.stop({ signal: 'SIGKILL' }))));

  async function startRelay(env: Record<string, string>) {
    const relay = await startAppUnderTest({ app: 'outbox-relay', env: { KAFKA_BROKERS: `127.0.0.1:${await freePort()}`, ...env }, readyTimeoutMs: false });
    started.push(relay);
    return relay;
  }

  const waitingForKafka = (port: number) =>
    eventually(
      `the relay on :${port} to wait for kafka`,
      async () => {
        const answer = await health(port);
        return answer?.body.waitingFor === 'kafka' ? answer : undefined;
      },
      45_000,
    );

  it('answers readiness 503 naming kafka while it waits, then exits 1 naming it once EVENTLINE_STARTUP_BUDGET_S has run out; and a SIGTERM ends a wait within seconds', async () => {
    const [budgeted, terminated] = await Promise.all([startRelay({ EVENTLINE_STARTUP_BUDGET_S: '8' }), startRelay({})]);

    const [waiting] = await Promise.all([waitingForKafka(budgeted.port), waitingForKafka(terminated.port)]);
    expect(waiting.status).toBe(503);
    expect(waiting.body).toMatchObject({ status: 'waiting', waitingFor: 'kafka', node: process.version });
    expect(waiting.body.error).toMatch(/ECONNREFUSED|Connection error/);
    expect((await health(budgeted.port, '/health/live'))?.status).toBe(200);

    const signalled = Date.now();
    await terminated.stop();
    const exitAfter = (Date.now() - signalled) / 1_000;
    console.log(`outbox-relay waiting for kafka exited ${exitAfter.toFixed(1)} s after SIGTERM`);
    expect(terminated.child.signalCode).toBe('SIGTERM');
    expect(exitAfter).toBeLessThan(5);

    await budgeted.exited();
    expect(budgeted.child.exitCode).toBe(1);
    expect(budgeted.logs()).toContain('kafka did not answer within EVENTLINE_STARTUP_BUDGET_S=8s');
    const waitLines = budgeted
      .logs()
      .split('\n')
      .filter((line) => line.includes('"waiting for kafka'));
    // One line per attempt at most every few seconds: 8 s of waiting make two or three, not dozens.
    expect(waitLines.length).toBeGreaterThanOrEqual(1);
    expect(waitLines.length).toBeLessThanOrEqual(3);
  });

  it('exits 1 at once, naming the variable, when EVENTLINE_STARTUP_BUDGET_S is not a number of seconds', async () => {
    const relay = await startRelay({ EVENTLINE_STARTUP_BUDGET_S: 'soon' });
    await relay.exited();
    expect(relay.child.exitCode).toBe(1);
    expect(relay.logs()).toContain('EVENTLINE_STARTUP_BUDGET_S must be a positive number of seconds (default 300), got "soon"');
    expect(await health(relay.port, '/health/live')).toBeUndefined();
  });
});
