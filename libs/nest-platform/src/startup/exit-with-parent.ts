/**
 * A launcher (the demo, the test harness) that spawns an app with an IPC channel asks it to live
 * no longer than itself: when the launcher dies — even by SIGKILL, which it cannot handle — the
 * kernel closes the channel and the app shuts down as on SIGTERM. Chosen over polling
 * process.ppid: it reacts at once rather than per poll, it is opt-in per process (an app started
 * by systemd, Kubernetes or a shell has no channel and is unaffected), and it is not inherited
 * by the app's own children the way an environment variable would be.
 */
export function exitWithParent(): void {
  if (!process.send) return;
  const parentGone = () => process.kill(process.pid, 'SIGTERM');
  // The launcher died while this process was still loading, before anyone listened.
  if (!process.connected) {
    parentGone();
    return;
  }
  // The channel must not keep an app alive that has nothing else to do.
  process.channel?.unref();
  process.once('disconnect', parentGone);
}
