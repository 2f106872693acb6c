import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, freePort, startApp, waitForHealth } from '@eventline/test-harness';

/** The real outbox relay as a process of its own, so a test can SIGKILL it; `env` points it at a database or a broker. */
export class RelayProcess {
  readonly logFile = join(mkdtempSync(join(tmpdir(), 'fault-relay-')), 'relay.log');
  process: ChildProcess | undefined;

  constructor(private readonly env: Record<string, string>) {}

  async startReady(): Promise<void> {
    const port = await freePort();
    this.process = startApp('apps/outbox-relay/src/main.ts', { OUTBOX_RELAY_PORT: String(port), ...this.env }, this.logFile);
    await waitForHealth(port, 60_000);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child) return;
    child.kill(signal);
    await exited(child);
    this.process = undefined;
  }
}
