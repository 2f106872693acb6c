import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadSaslStack, saslClientEnv, type SaslStack } from '@eventline/stack-config';
import { exited, freePort, startApp, waitForHealth } from '@eventline/test-harness';
import { platformApps, type PlatformApp } from '../platform-apps';

const ALL_APPS = platformApps({}).map((app) => app.name);
const logFile = (app: string) => `/tmp/eventline-sasl-${app}.log`;

/**
 * Platform apps as processes on the stack's SASL_SSL listener, each as its own SCRAM user with
 * nothing but the variables a deployment sets (KAFKA_BROKERS, KAFKA_SASL_*, KAFKA_SSL_CA_FILE).
 * Kafka's client logs at debug, so a credential that leaked into any line would be in the logs.
 */
export class AppsOverSasl {
  readonly stack: SaslStack = loadSaslStack(ALL_APPS);
  apps: PlatformApp[] = [];
  private processes: ChildProcess[] = [];

  async start(names: string[], extraEnv: Record<string, string> = {}): Promise<void> {
    const ports: Record<string, string> = {};
    for (const app of platformApps({})) ports[app.portVariable] = String(await freePort());
    this.apps = platformApps(ports).filter((app) => names.includes(app.name));
    this.processes = this.apps.map((app) => {
      rmSync(logFile(app.name), { force: true });
      const env = { ...ports, ...extraEnv, ...saslClientEnv(this.stack, app.name), LOG_LEVEL: 'info', KAFKA_LOG_LEVEL: 'debug', KAFKAJS_LOG_LEVEL: 'debug' };
      return startApp(app.entry, env, logFile(app.name));
    });
    await Promise.all(this.apps.map((app) => waitForHealth(app.port, 50_000)));
  }

  port(name: string): number {
    const app = this.apps.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`${name} was not started`);
    return app.port;
  }

  /** SIGTERM, then every app's whole log (what it printed while running and stopping). */
  async stop(): Promise<Array<{ app: string; log: string }>> {
    for (const child of this.processes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(this.processes.map(exited));
    return this.apps.map((app) => ({ app: app.name, log: readFileSync(logFile(app.name), 'utf8') }));
  }

  /** Each log that holds any SCRAM password of the stack (its own or another app's), by app name. */
  leaks(logs: Array<{ app: string; log: string }>): string[] {
    const secrets = Object.values(this.stack.passwords);
    return logs.filter(({ log }) => secrets.some((secret) => log.includes(secret))).map(({ app }) => app);
  }
}
