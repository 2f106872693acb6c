import { readFileSync, rmSync } from 'node:fs';
import { loadSaslStack, saslClientEnv, type SaslStack } from '@eventline/stack-config';
import { freePort, startAppUnderTest, type AppUnderTest } from '@eventline/test-harness';
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
  private running: AppUnderTest[] = [];

  async start(names: string[], extraEnv: Record<string, string> = {}): Promise<void> {
    const ports: Record<string, string> = {};
    for (const app of platformApps({})) ports[app.portVariable] = String(await freePort());
    this.apps = platformApps(ports).filter((app) => names.includes(app.name));
    const started = await Promise.allSettled(
      this.apps.map((app) => {
        rmSync(logFile(app.name), { force: true });
        const env = { ...ports, ...extraEnv, ...saslClientEnv(this.stack, app.name), LOG_LEVEL: 'info', KAFKA_LOG_LEVEL: 'debug', KAFKAJS_LOG_LEVEL: 'debug' };
        return startAppUnderTest({ app: app.entry, port: app.port, portVariable: app.portVariable, env, logFile: logFile(app.name), readyTimeoutMs: 50_000 });
      }),
    );
    // The apps that did start are stopped by stop(), also when another one failed.
    this.running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  port(name: string): number {
    const app = this.apps.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`${name} was not started`);
    return app.port;
  }

  /** SIGTERM, then every app's whole log (what it printed while running and stopping). */
  async stop(): Promise<Array<{ app: string; log: string }>> {
    await Promise.all(this.running.map((app) => app.stop()));
    return this.apps.map((app) => ({ app: app.name, log: readFileSync(logFile(app.name), 'utf8') }));
  }

  /** Each log that holds any SCRAM password of the stack (its own or another app's), by app name. */
  leaks(logs: Array<{ app: string; log: string }>): string[] {
    const secrets = Object.values(this.stack.passwords);
    return logs.filter(({ log }) => secrets.some((secret) => log.includes(secret))).map(({ app }) => app);
  }
}
