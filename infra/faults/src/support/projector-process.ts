import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, freePort, startApp, waitForHealth } from '@eventline/test-harness';

/**
 * The real audit projector as a process of its own, so a test can SIGKILL or SIGTERM it; its log
 * goes to a file the test can read (the "already projected" warnings count repeated effects).
 */
export class ProjectorProcess {
  readonly logFile = join(mkdtempSync(join(tmpdir(), 'fault-projector-')), 'projector.log');
  process: ChildProcess | undefined;
  port = 0;

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.process = startApp('apps/audit-projector/src/main.ts', { ...this.env, AUDIT_PROJECTOR_PORT: String(this.port) }, this.logFile);
  }

  async startReady(timeoutMs = 120_000): Promise<void> {
    await this.start();
    await waitForHealth(this.port, timeoutMs);
  }

  /** Sends the signal and resolves once the process has gone, with the seconds it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
    const child = this.process;
    if (!child) return 0;
    const started = Date.now();
    child.kill(signal);
    await exited(child);
    this.process = undefined;
    return (Date.now() - started) / 1000;
  }
}
