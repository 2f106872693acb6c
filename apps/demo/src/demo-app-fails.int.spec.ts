import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { exited } from '@eventline/test-harness';
import { launchedApps, startDemo, stillRunning, type DemoProcess } from './testing/demo-process';

/** A demo one of whose apps cannot start (bad configuration: its policy file is missing). */
describe('the demo when one app cannot start', () => {
  jest.setTimeout(58_000);
  let demo: DemoProcess | undefined;
  let apps: number[] = [];
  afterAll(() => {
    demo?.child.kill('SIGKILL');
    stillRunning(apps).forEach((pid) => process.kill(pid, 'SIGKILL'));
  });

  it('exits 1 naming the app and stops the other five', async () => {
    demo = await startDemo(['--events', '10'], { MODERATION_POLICY_FILE: join(tmpdir(), 'no-such-policy.json') });
    apps = await launchedApps(demo);
    await exited(demo.child);
    expect(demo.child.exitCode).toBe(1);
    expect(demo.output()).toMatch(/demo: moderation-worker exited \(1\) before it was ready; see .*moderation-worker\.log/);
    expect(stillRunning(apps)).toEqual([]);
  });
});
