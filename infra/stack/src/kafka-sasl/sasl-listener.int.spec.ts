import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, KAFKA_CLIENTS, type KafkaClientName, type KafkaClientOptions } from '@eventline/kafka-port';
import { findWorkspaceRoot, loadSaslStack, type SaslStack } from '@eventline/stack-config';
import { usageTopics } from '@eventline/usage-kpis';

const USER = 'usage-projector';

/** Every message of an error and its causes: the adapters wrap the broker's answer differently. */
const messages = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error ?? '');
  const nested = (error as Error & { errors?: unknown[] }).errors ?? [];
  return [error.message, messages(error.cause), ...nested.map(messages)].filter(Boolean).join(' | ');
};

async function failure(attempt: () => Promise<unknown>): Promise<string> {
  try {
    await attempt();
  } catch (error) {
    return messages(error);
  }
  throw new Error('expected the broker to refuse, and it accepted');
}

/** A client of the SASL_SSL listener; `overrides` take away or replace what a test wants wrong. */
function saslPort(stack: SaslStack, client: KafkaClientName, overrides: Partial<KafkaClientOptions> = {}) {
  return createKafkaPort({
    client,
    brokers: stack.brokers.split(','),
    clientId: `sasl-listener-spec-${client}`,
    retries: 0,
    requestTimeoutMs: 5_000,
    ssl: { ca: readFileSync(stack.caFile, 'utf8') },
    sasl: { mechanism: 'SCRAM-SHA-512', username: USER, password: stack.passwords[USER] },
    ...overrides,
  });
}

describe.each(KAFKA_CLIENTS.map((client) => [client] as const))("the stack's SASL_SSL listener through the %s adapter", (client) => {
  const catalog = loadCatalog();
  const own = usageTopics(catalog)[0];
  const foreign = catalogTopics(catalog)
    .map((topic) => topic.topic)
    .find((topic) => !usageTopics(catalog).includes(topic))!;
  let stack: SaslStack;

  beforeAll(() => {
    // Fails every test of the file, with how to start the listener, when the stack has none.
    stack = loadSaslStack([USER]);
  });

  it('lets usage-projector in with its password, and refuses the wrong password', async () => {
    const admin = saslPort(stack, client).admin();
    await admin.connect();
    try {
      expect((await admin.describeCluster()).brokers).toBeGreaterThan(0);
    } finally {
      await admin.disconnect();
    }
    const wrong = saslPort(stack, client, { sasl: { mechanism: 'SCRAM-SHA-512', username: USER, password: `${stack.passwords[USER]}-wrong` } }).admin();
    const refused = await failure(async () => {
      await wrong.connect();
      await wrong.describeCluster();
    }).finally(() => wrong.disconnect().catch(() => undefined));
    expect(refused).toMatch(/SASL|authentication failed/i);
  });

  it('refuses a plaintext client on that port', async () => {
    const plain = saslPort(stack, client, { ssl: undefined, sasl: undefined }).admin();
    const refused = await failure(async () => {
      await plain.connect();
      await plain.describeCluster();
    }).finally(() => plain.disconnect().catch(() => undefined));
    expect(refused).toMatch(/closed connection|requires TLS|ECONNRESET|socket hang up/i);
  });

  it(`lets usage-projector read ${own}, one of its topics, but not ${foreign}, outside its subscription`, async () => {
    const port = saslPort(stack, client, { retries: 2 });
    const admin = port.admin();
    await admin.connect();
    try {
      expect((await admin.endOffsets(own)).length).toBeGreaterThan(0);
      expect(await failure(() => admin.endOffsets(foreign))).toMatch(/not authorized|authorization failed/i);
    } finally {
      await admin.disconnect();
    }
    // Its own group, so the refusal can only be the topic's: the broker answers before any join.
    const consumer = port.consumer({ groupId: USER, maxWaitMs: 200 });
    const crashed = new Promise<never>((_, reject) => consumer.onCrash(reject));
    const refused = await failure(async () => {
      await consumer.connect();
      await consumer.subscribe([foreign]);
      await Promise.race([consumer.run(async () => undefined).then(() => crashed), crashed]);
    }).finally(() => consumer.disconnect().catch(() => undefined));
    expect(refused).toMatch(/not authorized|authorization failed/i);
  });
});

describe("the stack's server logs (.local/logs), once the SASL_SSL users exist", () => {
  it('hold no SCRAM password (the broker is sent only salted credentials)', () => {
    const stack = loadSaslStack(['eventline-admin', USER]);
    const logs = join(findWorkspaceRoot(), '.local', 'logs');
    const files = readdirSync(logs).filter((file) => file.endsWith('.log'));
    expect(files).toEqual(expect.arrayContaining(['kafka.log']));
    const secrets = Object.values(stack.passwords);
    const leaking = files.filter((file) => secrets.some((secret) => readFileSync(join(logs, file), 'utf8').includes(secret)));
    expect(leaking).toEqual([]);
  });
});
