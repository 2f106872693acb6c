import { exited } from '@eventline/test-harness';
import { launchedApps, startDemo, stillRunning, type DemoProcess } from './testing/demo-process';

/** A demo ended by SIGTERM (a `timeout`, a supervisor) before its apps are even ready. */
describe('the demo ended by SIGTERM while its apps start', () => {
  jest.setTimeout(58_000);
  let demo: DemoProcess | undefined;
  let apps: number[] = [];
  afterAll(() => {
    demo?.child.kill('SIGKILL');
    stillRunning(apps).forEach((pid) => process.kill(pid, 'SIGKILL'));
  });

  it('exits 143 and stops all six apps first', async () => {
    demo = await startDemo(['--events', '10']);
    apps = await launchedApps(demo);
    demo.child.kill('SIGTERM');
    await exited(demo.child);
    expect(demo.child.exitCode).toBe(143);
    expect(demo.output()).toContain('SIGTERM: stopping the apps…');
    expect(stillRunning(apps)).toEqual([]);
  });
});
