import { exited } from '@eventline/test-harness';
import { demoRun, launchedApps, startDemo, stillRunning } from './testing/demo-process';

/** A demo ended by SIGTERM (a `timeout`, a supervisor) before its apps are even ready. */
describe('the demo ended by SIGTERM while its apps start', () => {
  jest.setTimeout(58_000);
  const run = demoRun();

  it('exits 143 and stops all six apps first', async () => {
    run.demo = await startDemo(['--events', '10']);
    run.apps = await launchedApps(run.demo);
    run.demo.child.kill('SIGTERM');
    await exited(run.demo.child);
    expect(run.demo.child.exitCode).toBe(143);
    expect(run.demo.output()).toContain('SIGTERM: stopping the apps…');
    expect(stillRunning(run.apps)).toEqual([]);
  });
});
