import { freePort, uniqueName, eventually } from '@eventline/test-harness';
import { createKafkaPort } from '../../index';
import { EACH_CLIENT, freshTopic, portFor, produce, RecordingMember } from '../contract-fixture';

/** What a real group coordinator and real connections do: rebalancing between members, an unreachable broker. */
describe.each(EACH_CLIENT)('Kafka port contract, broker groups (%s)', (client) => {
  jest.setTimeout(50_000);
  const kafka = portFor(client);

  it('splits the partitions when a second member joins, telling both (onAssigned), and hands them all back when it leaves', async () => {
    const topic = await freshTopic(kafka, 'contract.rebalance', 4);
    const groupId = uniqueName('contract-rebalance');
    const first = await new RecordingMember(kafka, { groupId, fromBeginning: true }).start([topic]);
    await eventually('the first member to own every partition', async () => (first.owned().length === 4 ? true : undefined));

    const second = await new RecordingMember(kafka, { groupId, fromBeginning: true }).start([topic]);
    await eventually('the partitions to be split', async () => (first.owned().length === 2 && second.owned().length === 2 ? true : undefined));
    expect([...first.owned(), ...second.owned()].sort()).toEqual([0, 1, 2, 3]);
    expect(first.assignments.length).toBeGreaterThanOrEqual(2);

    // Both members consume their own share of what is produced now.
    await produce(
      kafka,
      topic,
      Array.from({ length: 40 }, (_, i) => ({ key: `tenant-${i}`, value: String(i) })),
    );
    await eventually('every message consumed once by the group', async () => (first.received.length + second.received.length >= 40 ? true : undefined));
    expect(new Set(first.received.map((m) => m.partition)).size).toBeLessThanOrEqual(2);
    expect(first.received.every((m) => first.owned().includes(m.partition))).toBe(true);
    expect(second.received.every((m) => second.owned().includes(m.partition))).toBe(true);

    await second.stop();
    await eventually('the first member to own every partition again', async () => (first.owned().length === 4 ? true : undefined));
    await first.stop();
  });

  it('fails a send to a broker nobody listens on as retriable, within its bounded retries', async () => {
    const unreachable = createKafkaPort({ brokers: [`127.0.0.1:${await freePort()}`], clientId: 'contract-unreachable', client });
    const producer = unreachable.producer({ idempotent: true, retry: { retries: 2, initialRetryTimeMs: 50, maxRetryTimeMs: 200 } });
    const started = Date.now();
    const error = await producer
      .connect()
      .then(() => producer.send('contract.nowhere', [{ key: 'k', value: Buffer.from('v') }]))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KafkaPortError', retriable: true });
    expect(Date.now() - started).toBeLessThan(15_000);
    await producer.disconnect().catch(() => undefined);
  });
});
