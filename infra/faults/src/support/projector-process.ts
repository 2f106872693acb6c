import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppUnderTest, type AppUnderTest } from '@eventline/test-harness';

export const AUDIT_PROJECTOR = { entry: 'apps/audit-projector/src/main.ts', portVariable: 'AUDIT_PROJECTOR_PORT' };
export const USAGE_PROJECTOR = { entry: 'apps/usage-projector/src/main.ts', portVariable: 'USAGE_PROJECTOR_PORT' };

/**
 * A real projector app as a process of its own, so a test can SIGKILL or SIGTERM it; its log goes
 * to a file the test can read (the audit projector's "already projected" warnings count repeated effects).
 */
export class ProjectorProcess {
  readonly logFile = join(mkdtempSync(join(tmpdir(), 'fault-projector-')), 'projector.log');
  private running: AppUnderTest | undefined;
  port = 0;

  constructor(
    private readonly app = AUDIT_PROJECTOR,
    private readonly env: Record<string, string> = {},
  ) {}

  get process() {
    return this.running?.child;
  }

  async start(readyTimeoutMs: number | false = false): Promise<void> {
    this.running = await startAppUnderTest({ app: this.app.entry, portVariable: this.app.portVariable, env: this.env, logFile: this.logFile, readyTimeoutMs });
    this.port = this.running.port;
  }

  startReady(timeoutMs = 120_000): Promise<void> {
    return this.start(timeoutMs);
  }

  /** Lines of its log that contain `text`, over every process this object started. */
  logLines(text: string): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes(text));
  }

  /** Sends the signal and resolves once the process has gone, with the seconds it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
    const running = this.running;
    if (!running) return 0;
    const started = Date.now();
    // A fault spec times the stop itself, so the SIGKILL fallback comes only at its own deadline.
    await running.stop({ signal, graceMs: 60_000 });
    this.running = undefined;
    return (Date.now() - started) / 1000;
  }
}
