import { eventually, exited } from '@eventline/test-harness';
import { childrenOf, startDemo, stillRunning, type DemoProcess } from './testing/demo-process';

/** `kill -9` of a running demo: it cannot stop its apps itself, so each app must notice and exit. */
describe('the demo killed with SIGKILL', () => {
  jest.setTimeout(58_000);
  let demo: DemoProcess | undefined;
  let apps: number[] = [];
  afterAll(async () => {
    demo?.child.kill('SIGKILL');
    stillRunning(apps).forEach((pid) => process.kill(pid, 'SIGKILL'));
  });

  it('leaves no app process behind', async () => {
    demo = await startDemo(['--rate', '5']);
    await eventually('the demo to have every app ready', async () => ((demo!.output().match(/✓ .* ready on :\d+/g) ?? []).length === 6 ? true : undefined), 50_000);
    apps = childrenOf(demo.child.pid!);
    expect(apps).toHaveLength(6);

    demo.child.kill('SIGKILL');
    await exited(demo.child);
    const killed = Date.now();
    await eventually('every app of the killed demo to exit', async () => (stillRunning(apps).length === 0 ? true : undefined), 15_000).catch(() => undefined);
    console.log(`app processes left ${((Date.now() - killed) / 1_000).toFixed(1)} s after kill -9 of the demo: ${stillRunning(apps).length} of ${apps.length}`);
    expect(stillRunning(apps)).toEqual([]);
  });
});
