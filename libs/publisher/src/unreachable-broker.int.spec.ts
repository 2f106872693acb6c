import { createKafkaPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { freePort, ticketAssigned, uniqueName } from '@eventline/test-harness';
import { Publisher, PublishUnavailableError, type UntypedEventInput } from './index';

/** A broker address nothing listens on: every connect is refused. The registry is the stack's, so events encode. */
describe('publisher SDK when no broker answers', () => {
  jest.setTimeout(60_000);
  const registry = new SchemaRegistryClient(loadStackEndpoints().schemaRegistryUrl);

  async function timedPublish(sendBudgetMs: number | undefined) {
    const kafka = createKafkaPort({ brokers: [`127.0.0.1:${await freePort()}`], clientId: 'publisher-unreachable-test' });
    const publisher = new Publisher({ kafka, registry, source: 'publisher-test', ...(sendBudgetMs ? { sendBudgetMs } : {}) });
    const started = Date.now();
    const error = await publisher.publishUntyped([ticketAssigned(uniqueName('down'), 1) as UntypedEventInput]).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error: error as PublishUnavailableError, seconds: (Date.now() - started) / 1000 };
  }

  it.each([[3_000], [undefined]])('fails a publish with a retriable error that carries its cause, within 2x the budget (%s ms; undefined: the 10 s default)', async (budget) => {
    const { error, seconds } = await timedPublish(budget);
    const budgetS = (budget ?? 10_000) / 1000;
    console.log(`publish to an unreachable broker failed after ${seconds.toFixed(1)} s (budget ${budgetS} s): ${error?.message}`);
    expect(error).toBeInstanceOf(PublishUnavailableError);
    expect(error.retriable).toBe(true);
    expect(error.message).toMatch(/^publishing 1 event\(s\): /);
    expect(seconds).toBeLessThan(2 * budgetS);
  });
});
