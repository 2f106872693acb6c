import { ALL_EVENTS, ConsumerMetrics, EventConsumer, EventRouter, type ConsumerLogger, type Middleware } from '@eventline/consumer-runtime';
import { projectAuditEvents } from '@eventline/audit-projection';
import type { KafkaPort, TopicPartitions } from '@eventline/kafka-port';
import type { BenchNames, BenchResources } from './setup';
import { log } from './progress';

export interface ProjectionConsumer {
  /** Partitions of the topic this member was given, each with the offset it started at. */
  readonly startOffsets: Map<number, bigint>;
  /** Bench events the audit projection handled (counted when the handler returns, before the batch commits). */
  readonly handled: () => number;
  /** Rows the handler added to domain_events; fewer than handled means another writer got there first. */
  readonly inserted: () => number;
  /** Transient faults the runtime retried (counts above may then include rolled-back attempts). */
  readonly retries: () => number;
  stop(): Promise<void>;
}

/**
 * An in-process EventConsumer of a group of its own, on the bench topic only, whose router runs the
 * audit projector's step (projectAuditEvents) on bench tenants' events. It starts at the topic's
 * end as it was before publishing: the end offsets are read first and the member seeks to them on
 * its first assignment (a new group would otherwise read the topic from the beginning). Resolves
 * once partitions are assigned, so publishing can start.
 */
export async function startProjectionConsumer(resources: BenchResources, names: BenchNames, assignTimeoutMs = 60_000): Promise<ProjectionConsumer> {
  const { kafka, topic, catalog } = resources;
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.endOffsets(topic).finally(() => admin.disconnect());
  const startOffsets = new Map(ends.map(({ partition, offset }) => [partition, BigInt(offset)]));

  let handled = 0;
  let inserted = 0;
  let retries = 0;
  const benchTenants = new Set(names.tenants);
  const router = new EventRouter().on(ALL_EVENTS, async (events, context) => {
    if (!context.tx) throw new Error('the audit projection needs the transactional consumer (a database pool)');
    const result = await projectAuditEvents(context.tx, events, catalog);
    handled += events.length;
    inserted += result.domainEvents;
  });
  // Safety net behind the seek, and isolation from other developers' events on the shared topic.
  const benchOnly: Middleware = async (context, next) => {
    const from = startOffsets.get(context.partition) ?? 0n;
    context.events = context.events.filter((event) => BigInt(event.message.offset) >= from && benchTenants.has(event.tenantId));
    await next();
  };
  const logger: ConsumerLogger = {
    info: () => undefined,
    warn: (details, message) => {
      if (message.includes('retr')) retries++;
      log(`consumer: ${message} ${JSON.stringify(details, errorFields)}`);
    },
    error: (details, message) => log(`consumer: ${message} ${JSON.stringify(details, errorFields)}`),
  };

  let assigned!: (partitions: number[]) => void;
  const assignment = new Promise<number[]>((resolve) => (assigned = resolve));
  const consumer = new EventConsumer({
    kafka: seekingOnFirstAssignment(kafka, topic, startOffsets, (partitions) => assigned(partitions)),
    registry: resources.registry,
    catalog,
    group: names.group,
    topics: [topic],
    router,
    logger,
    metrics: new ConsumerMetrics(),
    pool: resources.pool,
    middleware: [benchOnly],
  });
  await consumer.start();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no partitions of ${topic} assigned to ${names.group} within ${assignTimeoutMs / 1000}s`)), assignTimeoutMs);
  });
  try {
    const partitions = await Promise.race([assignment, timeout]);
    log(`group ${names.group} assigned ${topic} partitions ${partitions.join(',')}, starting at offsets ${partitions.map((p) => startOffsets.get(p) ?? 0n).join(',')}`);
  } catch (error) {
    await consumer.stop().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { startOffsets, handled: () => handled, inserted: () => inserted, retries: () => retries, stop: () => consumer.stop() };
}

/** The same KafkaPort, but each consumer it hands out seeks the topic's partitions to `offsets` when first assigned. */
function seekingOnFirstAssignment(kafka: KafkaPort, topic: string, offsets: Map<number, bigint>, onAssigned: (partitions: number[]) => void): KafkaPort {
  return {
    admin: () => kafka.admin(),
    producer: (options) => kafka.producer(options),
    consumer: (options) => {
      const consumer = kafka.consumer(options);
      let seeked = false;
      consumer.onAssigned((assignment: TopicPartitions[]) => {
        const partitions = assignment.find((entry) => entry.topic === topic)?.partitions ?? [];
        if (seeked || partitions.length === 0) return;
        seeked = true;
        for (const partition of partitions) consumer.seek({ topic, partition, offset: String(offsets.get(partition) ?? 0n) });
        onAssigned([...partitions].sort((a, b) => a - b));
      });
      return consumer;
    },
  };
}

function errorFields(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
