import { eventually, exited } from '@eventline/test-harness';
import { childrenOf, demoRun, startDemo, stillRunning } from './testing/demo-process';

/** `kill -9` of a running demo: it cannot stop its apps itself, so each app must notice and exit. */
describe('the demo killed with SIGKILL', () => {
  jest.setTimeout(58_000);
  const run = demoRun();

  it('leaves no app process behind', async () => {
    run.demo = await startDemo(['--rate', '5']);
    await eventually('the demo to have every app ready', async () => ((run.demo!.output().match(/✓ .* ready on :\d+/g) ?? []).length === 6 ? true : undefined), 50_000);
    run.apps = childrenOf(run.demo.child.pid!);
    expect(run.apps).toHaveLength(6);

    run.demo.child.kill('SIGKILL');
    await exited(run.demo.child);
    const killed = Date.now();
    await eventually('every app of the killed demo to exit', async () => (stillRunning(run.apps).length === 0 ? true : undefined), 15_000).catch(() => undefined);
    console.log(`app processes left ${((Date.now() - killed) / 1_000).toFixed(1)} s after kill -9 of the demo: ${stillRunning(run.apps).length} of ${run.apps.length}`);
    expect(stillRunning(run.apps)).toEqual([]);
  });
});
