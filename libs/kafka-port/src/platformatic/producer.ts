import { ProduceAcks, Producer, type BaseOptions, type MessageToProduce } from '@platformatic/kafka';
import type { ProducerOptions, ProducerPort } from '../producer/producer-port';
import type { OutgoingMessage, RecordMetadata } from '../types';
import { BufferCache } from './buffer-cache';
import { javaCompatiblePartitioner } from './partitioner';
import { asPortError } from './port-errors';
import { exponentialDelay } from './retry-delay';

export class PlatformaticProducer implements ProducerPort {
  private readonly producer: Producer;
  private readonly idempotent: boolean;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(base: BaseOptions, options: ProducerOptions = {}) {
    this.idempotent = options.idempotent ?? true;
    this.producer = new Producer({
      ...base,
      ...retries(options.retry, this.idempotent),
      idempotent: this.idempotent,
      // acks=all: a send resolves only once every in-sync replica has the record.
      acks: ProduceAcks.ALL,
      // Idempotence keeps order with the client's one request in flight; without it only 1 is safe anyway.
      maxInflights: 1,
      partitioner: javaCompatiblePartitioner(),
    });
  }

  connect(): Promise<void> {
    return asPortError('connecting the producer', async () => {
      await this.producer.metadata({ topics: [] });
      // Like kafkajs' connect, an idempotent producer gets its producer id before the first send.
      if (this.idempotent) await this.producer.initIdempotentProducer({});
    });
  }

  /** Sends still in flight finish (or fail) first: the client has no queue of its own to flush. */
  async disconnect(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.producer.close();
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<RecordMetadata[]> {
    const sending = this.producer.send({ messages: messages.map((message) => toProduce(topic, message)) });
    this.inFlight.add(sending);
    try {
      const result = await asPortError(`sending to ${topic}`, () => sending);
      return (result.offsets ?? []).map((entry) => ({ topic: entry.topic, partition: entry.partition, baseOffset: String(entry.offset) }));
    } finally {
      this.inFlight.delete(sending);
    }
  }
}

/** Header names and record keys: few distinct strings, on every message. Values such as event ids are unique, so they are not cached. */
const repeated = new BufferCache();

function toProduce(topic: string, message: OutgoingMessage): MessageToProduce {
  const headers = new Map<Buffer, Buffer>();
  for (const name in message.headers) headers.set(repeated.get(name), Buffer.from(message.headers[name]));
  return {
    topic,
    key: message.key === null ? undefined : repeated.get(message.key),
    value: message.value ?? undefined,
    headers,
    ...(message.timestamp === undefined ? {} : { timestamp: BigInt(message.timestamp) }),
  } as MessageToProduce;
}

/**
 * The port's bounded retries. The client raises an idempotent producer's retries of 0 or 1 to
 * "for ever" (unsafe, it says, for sequence numbers); `false` is how it spells "none", and one
 * retry becomes two. Without a bound, an idempotent producer retries for ever, as in kafkajs.
 */
function retries(retry: ProducerOptions['retry'], idempotent: boolean): Pick<BaseOptions, 'retries' | 'retryDelay'> {
  if (!retry) return idempotent ? { retries: Number.MAX_SAFE_INTEGER } : {};
  const delay = exponentialDelay({ initialMs: retry.initialRetryTimeMs ?? 300, maxMs: retry.maxRetryTimeMs ?? 30_000 });
  if (retry.retries <= 0) return { retries: false, retryDelay: delay };
  return { retries: idempotent ? Math.max(2, retry.retries) : retry.retries, retryDelay: delay };
}
