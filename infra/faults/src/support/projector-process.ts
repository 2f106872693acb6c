import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, freePort, startApp, waitForHealth } from '@eventline/test-harness';

export const AUDIT_PROJECTOR = { entry: 'apps/audit-projector/src/main.ts', portVariable: 'AUDIT_PROJECTOR_PORT' };
export const USAGE_PROJECTOR = { entry: 'apps/usage-projector/src/main.ts', portVariable: 'USAGE_PROJECTOR_PORT' };

/**
 * A real projector app as a process of its own, so a test can SIGKILL or SIGTERM it; its log goes
 * to a file the test can read (the audit projector's "already projected" warnings count repeated effects).
 */
export class ProjectorProcess {
  readonly logFile = join(mkdtempSync(join(tmpdir(), 'fault-projector-')), 'projector.log');
  process: ChildProcess | undefined;
  port = 0;

  constructor(
    private readonly app = AUDIT_PROJECTOR,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.process = startApp(this.app.entry, { ...this.env, [this.app.portVariable]: String(this.port) }, this.logFile);
  }

  async startReady(timeoutMs = 120_000): Promise<void> {
    await this.start();
    await waitForHealth(this.port, timeoutMs);
  }

  /** Lines of its log that contain `text`, over every process this object started. */
  logLines(text: string): string[] {
    return readFileSync(this.logFile, 'utf8').split('\n').filter((line) => line.includes(text));
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
