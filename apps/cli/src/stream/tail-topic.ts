import { randomUUID } from 'node:crypto';
import type { IncomingMessage, KafkaPort } from '@eventline/kafka-port';
import type { PiiOpener } from '@eventline/pii-sealing';
import type { SchemaRegistryClient } from '@eventline/schema-registry';

export interface TailOptions {
  topic: string;
  /** Only messages keyed by this tenant. */
  tenant?: string;
  fromBeginning: boolean;
  /** Stop after this many events; unbounded when absent. */
  max?: number;
  /** Opens sealed personal data (or marks it Sealed / Erased); without it, events print as sent. */
  opener?: PiiOpener;
}

export interface TailOutput {
  event(line: string): void;
  warning(line: string): void;
}

/**
 * Prints each event of `topic` as one JSON line until `max` events or Ctrl-C. The consumer group
 * is throwaway and commits no offsets: tailing never moves anyone's position or leaves offsets behind.
 */
export async function tailTopic(kafka: KafkaPort, registry: SchemaRegistryClient, options: TailOptions, output: TailOutput): Promise<number> {
  const consumer = kafka.consumer({ groupId: `eventline-tail-${randomUUID()}`, fromBeginning: options.fromBeginning, autoCommit: false });
  let printed = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const done = () => options.max !== undefined && printed >= options.max;

  await consumer.connect();
  try {
    process.once('SIGINT', stop).once('SIGTERM', stop);
    await consumer.subscribe([options.topic]);
    // Stopping happens outside the handler: a consumer cannot disconnect from inside its own batch.
    await consumer.run(async (batch) => {
      for (const message of batch.messages) {
        if (done()) return stop();
        if (options.tenant !== undefined && message.key !== options.tenant) continue;
        if (await printEvent(registry, message, output, options.opener)) printed += 1;
      }
      if (done()) stop();
    });
    await stopped;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await consumer.disconnect();
  }
  return printed;
}

async function printEvent(registry: SchemaRegistryClient, message: IncomingMessage, output: TailOutput, opener?: PiiOpener): Promise<boolean> {
  const position = { offset: message.offset, partition: message.partition, key: message.key };
  try {
    if (!message.value) throw new Error('empty value');
    const envelope = (await registry.decode(message.value)) as Record<string, unknown>;
    await opener
      ?.open(envelope)
      .catch((error: Error) => output.warning(`warning: partition ${message.partition} offset ${message.offset}: its personal data cannot be opened (${error.message}); printed sealed`));
    output.event(JSON.stringify({ ...position, event_type: envelope.event_type, event_id: envelope.event_id, envelope }));
    return true;
  } catch (error) {
    output.warning(`warning: partition ${message.partition} offset ${message.offset}: not a decodable event (${(error as Error).message})`);
    return false;
  }
}
