import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, type AdminPort } from '@eventline/kafka-port';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, health, startAppUnderTest, waitForHealth, type AppUnderTest } from '@eventline/test-harness';
import { usageTopics } from '@eventline/usage-kpis';

const LOG = '/tmp/usage-projector-topics-late.log';

/**
 * The failure of a first start: topics created moments before the projector subscribed, whose
 * partitions the broker did not host yet. The projector must wait for them, not exit. One of its
 * topics is deleted and created again around its start.
 */
describe('usage-projector started while one of its topics does not exist yet', () => {
  jest.setTimeout(58_000);
  const catalog = loadCatalog();
  const topic = usageTopics(catalog).at(-1)!;
  const spec = catalogTopics(catalog).find((t) => t.topic === topic)!;
  let admin: AdminPort;
  let projector: AppUnderTest | undefined;

  beforeAll(async () => {
    admin = createKafkaPort({ brokers: loadStackEndpoints().kafkaBrokers, clientId: 'topics-late-test' }).admin();
    await admin.connect();
    await admin.deleteTopics([topic]);
    await eventually(`${topic} to be deleted`, async () => (!(await admin.listTopics()).includes(topic) ? true : undefined));
  });
  afterAll(async () => {
    await projector?.stop({ signal: 'SIGKILL' });
    await admin.ensureTopics([{ ...spec, replicationFactor: 1 }]);
    await admin.disconnect();
  });

  it('waits for the topic, names it in readiness, and is ready within seconds of its creation', async () => {
    projector = await startAppUnderTest({ app: 'usage-projector', logFile: LOG, readyTimeoutMs: false });
    const { port } = projector;
    const waiting = await eventually(
      'the projector to wait for its topics',
      async () => {
        const answer = await health(port);
        return answer?.body.waitingFor === 'kafka topics' ? answer : undefined;
      },
      45_000,
    );
    expect(waiting.status).toBe(503);
    expect(waiting.body.error).toBe(`not created yet: ${topic}`);

    const created = Date.now();
    await admin.ensureTopics([{ ...spec, replicationFactor: 1 }]);
    await waitForHealth(port, 30_000);
    const seconds = (Date.now() - created) / 1_000;
    console.log(`usage-projector ready ${seconds.toFixed(1)} s after ${topic} was created`);
    expect(seconds).toBeLessThan(15);
    expect(projector.child.exitCode).toBeNull();
  });
});
