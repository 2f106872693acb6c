import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppUnderTest, type AppUnderTest } from '@eventline/test-harness';

/** The real outbox relay as a process of its own, so a test can SIGKILL it; `env` points it at a database or a broker. */
export class RelayProcess {
  readonly logFile = join(mkdtempSync(join(tmpdir(), 'fault-relay-')), 'relay.log');
  private running: AppUnderTest | undefined;

  constructor(private readonly env: Record<string, string>) {}

  get process() {
    return this.running?.child;
  }

  async startReady(): Promise<void> {
    this.running = await startAppUnderTest({ app: 'outbox-relay', env: this.env, logFile: this.logFile, readyTimeoutMs: 60_000 });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.running?.stop({ signal, graceMs: 60_000 });
    this.running = undefined;
  }
}
