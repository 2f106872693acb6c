import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, freePort, health, LatePort, startAppUnderTest, waitForHealth, type AppUnderTest } from '@eventline/test-harness';
import { platformApps, type PlatformApp } from '../platform-apps';

const LOGS = '/tmp/eventline-late-dependencies';
const seconds = (since: number) => Number(((Date.now() - since) / 1_000).toFixed(1));

/**
 * A first start on a fresh machine: `names` (platform apps) come up before the registry and the
 * broker answer. The registry and the broker are the real ones, behind ports that refuse
 * connections until the test opens them. Three apps per spec keep each under a minute on 2 cores.
 */
export function describeLateDependencies(names: string[]): void {
  describe(`${names.join(', ')} started before their dependencies answer`, () => {
    jest.setTimeout(58_000);
    const endpoints = loadStackEndpoints();
    let registry: LatePort;
    let kafka: LatePort;
    let apps: PlatformApp[];
    let processes: AppUnderTest[] = [];

    beforeAll(async () => {
      registry = await LatePort.to(new URL(endpoints.schemaRegistryUrl).host);
      kafka = await LatePort.to(endpoints.kafkaBrokers[0]);
      const ports: Record<string, string> = {};
      for (const app of platformApps({})) ports[app.portVariable] = String(await freePort());
      apps = platformApps(ports).filter((app) => names.includes(app.name));
      const registryUrl = new URL(endpoints.schemaRegistryUrl);
      registryUrl.port = String(registry.port);
      const env = { ...ports, SCHEMA_REGISTRY_URL: registryUrl.toString().replace(/\/$/, ''), KAFKA_BROKERS: `127.0.0.1:${kafka.port}`, EVENTLINE_STARTUP_BUDGET_S: '120' };
      processes = await Promise.all(
        apps.map((app) => startAppUnderTest({ app: app.entry, port: app.port, portVariable: app.portVariable, env, logFile: `${LOGS}-${app.name}.log`, readyTimeoutMs: false })),
      );
    });
    afterAll(async () => {
      await Promise.all(processes.map((app) => app.stop({ signal: 'SIGKILL' })));
      await registry.close();
      await kafka.close();
    });

    const waitingFor = (dependency: string) =>
      Promise.all(
        apps.map((app) =>
          eventually(
            `${app.name} to say it waits for the ${dependency}`,
            async () => {
              const [ready, live] = await Promise.all([health(app.port), health(app.port, '/health/live')]);
              return ready?.status === 503 && ready.body.waitingFor === dependency && live?.status === 200 ? { ready, live } : undefined;
            },
            45_000,
          ),
        ),
      );

    it('are live at once, name the dependency they wait for, are ready within seconds of the last one answering, and end on SIGTERM within seconds', async () => {
      const waitingForRegistry = await waitingFor('schema registry');
      expect(waitingForRegistry[0].ready.body).toMatchObject({ status: 'waiting', waitingFor: 'schema registry', node: process.version });
      expect(waitingForRegistry[0].ready.body.error).toMatch(/ECONNREFUSED|fetch failed/);
      expect(waitingForRegistry[0].live.body).toEqual({ status: 'live', node: process.version });

      await registry.open();
      await waitingFor('kafka');

      const opened = Date.now();
      await kafka.open();
      const readyAfter = await Promise.all(apps.map(async (app) => (await waitForHealth(app.port, 30_000)) && seconds(opened)));
      console.log(`seconds to ready after Kafka answered: ${apps.map((app, i) => `${app.name} ${readyAfter[i]}`).join(', ')}`);
      expect(Math.max(...readyAfter)).toBeLessThan(20);

      const stopping = Date.now();
      const exitAfter = await Promise.all(processes.map(async (app) => (await app.stop(), seconds(stopping))));
      console.log(`seconds to exit after SIGTERM: ${apps.map((app, i) => `${app.name} ${exitAfter[i]}`).join(', ')}`);
      expect(processes.map(({ child }) => child.signalCode ?? child.exitCode)).toEqual(apps.map(() => 'SIGTERM'));
      expect(Math.max(...exitAfter)).toBeLessThan(10);
    });
  });
}
