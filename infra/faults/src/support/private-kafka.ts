import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafkaPort } from '@eventline/kafka-port';
import { freePort } from '@eventline/test-harness';
import { kafkaBrokers, kafkaProcess, startKafka, waitForKafka } from '../../../stack/src/kafka';
import { stopProcess } from '../../../stack/src/processes';
import { loadSettings, type StackSettings } from '../../../stack/src/settings';

/**
 * A single-node Kafka of one test's own, which it may stop and start: the stack's broker code
 * (infra/stack/src/kafka.ts) with its settings pointed at a temp dir and free ports. The jars are
 * the stack's (`npm run stack:up` fetched them), linked in rather than copied.
 */
export class PrivateKafka {
  private settings: StackSettings | undefined;

  get brokers(): string {
    return kafkaBrokers(this.required());
  }

  async start(): Promise<void> {
    this.settings ??= await privateSettings();
    const pid = await startKafka(this.settings);
    await waitForKafka(this.settings, pid);
  }

  /** SIGTERM, as an operator's restart or a crashed host's supervisor would. */
  async stop(): Promise<void> {
    if (this.settings) await stopProcess(kafkaProcess(this.settings), 15_000);
  }

  async createTopic(topic: string, partitions = 3): Promise<void> {
    const admin = createKafkaPort({ brokers: [this.brokers], clientId: 'private-kafka' }).admin();
    await admin.connect();
    try {
      await admin.ensureTopics([{ topic, partitions, replicationFactor: 1 }]);
    } finally {
      await admin.disconnect();
    }
  }

  /** Stops the broker and removes its data. */
  async remove(): Promise<void> {
    await this.stop();
    if (this.settings) rmSync(this.settings.local, { recursive: true, force: true });
  }

  private required(): StackSettings {
    if (!this.settings) throw new Error('the private Kafka has not been started');
    return this.settings;
  }
}

async function privateSettings(): Promise<StackSettings> {
  const stack = loadSettings();
  const local = mkdtempSync(join(tmpdir(), 'private-kafka-'));
  symlinkSync(join(stack.local, 'artifacts'), join(local, 'artifacts'));
  return { ...stack, local, kafka: { ...stack.kafka, port: await freePort(), controllerPort: await freePort(), heap: '512m' } };
}
