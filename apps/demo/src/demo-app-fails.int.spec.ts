import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { exited } from '@eventline/test-harness';
import { demoRun, launchedApps, startDemo, stillRunning } from './testing/demo-process';

/** A demo one of whose apps cannot start (bad configuration: its policy file is missing). */
describe('the demo when one app cannot start', () => {
  jest.setTimeout(58_000);
  const run = demoRun();

  it('exits 1 naming the app and stops the other five', async () => {
    run.demo = await startDemo(['--events', '10'], { MODERATION_POLICY_FILE: join(tmpdir(), 'no-such-policy.json') });
    run.apps = await launchedApps(run.demo);
    await exited(run.demo.child);
    expect(run.demo.child.exitCode).toBe(1);
    expect(run.demo.output()).toMatch(/demo: moderation-worker exited \(1\) before it was ready; see .*moderation-worker\.log/);
    expect(stillRunning(run.apps)).toEqual([]);
  });
});
