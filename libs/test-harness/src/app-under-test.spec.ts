import { startAppUnderTest } from './app-under-test';

const fake = (mode: string, extra: { readyTimeoutMs?: number } = {}) =>
  startAppUnderTest({ app: 'libs/test-harness/src/testing/fake-app.ts', portVariable: 'FAKE_APP_PORT', env: { FAKE_APP_MODE: mode }, ...extra });

describe('startAppUnderTest', () => {
  it('waits until the app is ready, keeps what it printed, and stops it with SIGTERM', async () => {
    const app = await fake('ready');
    expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    expect(app.logs()).toContain('fake app starting (ready)');
    await app.stop();
    expect(app.child.exitCode).toBe(0);
    await app.stop();
  });

  it('kills an app that ignores SIGTERM once the grace period is over', async () => {
    const app = await fake('ignore-sigterm');
    const started = Date.now();
    await app.stop({ graceMs: 500 });
    expect(app.child.signalCode).toBe('SIGKILL');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('fails at once, with its output, when the app exits before it is ready', async () => {
    const started = Date.now();
    await expect(fake('exit')).rejects.toThrow(/fake-app\.ts on :\d+: exited \(3\) before \/health\/ready answered 200\nIts last output:\n(.|\n)*FAKE_APP_MODE=exit, giving up/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
