import type { Pool } from 'pg';
import type { Catalog } from '@eventline/contracts';
import { EventDecoder, UndecodableMessageError, type DecodedEvent } from '@eventline/consumer-runtime';
import { withAdmin, type IncomingMessage, type KafkaPort } from '@eventline/kafka-port';
import { compareTable, ShadowSchema, type RebuildableProjection, type TableComparison } from '@eventline/projection-rebuild';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { rangeKey, rangeSize, type PartitionRange } from '../ranges/partition-range';
import { RangeProgress } from '../ranges/range-progress';
import { readRanges } from '../ranges/read-ranges';
import { CliError } from '../errors';
import { ProjectedEvents } from './projected-events';

/**
 * Partitions projected at once, each batch in its own transaction (the chains are per partition,
 * so they never wait on each other). The live projector runs two; the rebuild has the database to
 * itself for its shadow tables, and three kept it ahead of the live rate on two cores.
 */
export const REBUILD_CONCURRENCY = 3;

export interface RebuildDeps {
  kafka: KafkaPort;
  registry: SchemaRegistryClient;
  catalog: Catalog;
  pool: Pool;
}

export interface RebuildPlan {
  projection: RebuildableProjection;
  /** The live projector's group, prefix included. */
  liveGroup: string;
  clusterId: string;
  topics: string[];
  ranges: PartitionRange[];
  /** Topics whose partitions no longer start at offset 0: their oldest events are gone. */
  partialTopics: string[];
}

export interface RebuildResult {
  shadow: ShadowSchema;
  projected: number;
  /** Left out as the live projector dead-letters them: undecodable, or keyed for another tenant. */
  leftOut: number;
  seconds: number;
  comparisons: TableComparison[];
  /** Partitions where the live projection had not reached the rebuild's end: compared up to where it was. */
  liveBehind: string[];
}

/** Fixes where the rebuild ends (the end offsets now) and starts (the first offset each partition still holds). */
export async function planRebuild(kafka: KafkaPort, projection: RebuildableProjection, catalog: Catalog, liveGroup: string): Promise<RebuildPlan> {
  const topics = projection.topics(catalog);
  return withAdmin(kafka, async (admin) => {
    const { clusterId } = await admin.describeCluster();
    const ranges: PartitionRange[] = [];
    const partial = new Set<string>();
    for (const topic of topics) {
      const [starts, ends] = await Promise.all([admin.startOffsets(topic), admin.endOffsets(topic)]);
      for (const { partition, offset } of ends) {
        const start = BigInt(starts.find((p) => p.partition === partition)?.offset ?? '0');
        if (start > 0n) partial.add(topic);
        ranges.push({ topic, partition, start, end: BigInt(offset) });
      }
    }
    return { projection, liveGroup, clusterId, topics, ranges, partialTopics: [...partial] };
  });
}

/** Projects the plan's ranges into a shadow schema with the projector's own code, then compares it with the live tables. */
export async function runRebuild(deps: RebuildDeps, plan: RebuildPlan): Promise<RebuildResult> {
  const shadow = await ShadowSchema.create(deps.pool, plan.projection);
  try {
    const { projected, leftOut, seconds } = await projectIntoShadow(deps, plan, shadow);
    const reached = await liveReached(deps.pool, plan);
    const comparisons = await compareWithLive(deps.pool, plan, shadow, [...new Set(projected.below(reached.limits))], reached.limits);
    return { shadow, projected: projected.count, leftOut, seconds, comparisons, liveBehind: reached.behind };
  } catch (error) {
    // Interrupted, the partial rebuild stays for a look; any other failure leaves nothing behind.
    if (!(error instanceof InterruptedRebuild)) await shadow.drop(deps.pool).catch(() => undefined);
    throw error;
  }
}

class InterruptedRebuild extends CliError {}

async function projectIntoShadow(deps: RebuildDeps, plan: RebuildPlan, shadow: ShadowSchema): Promise<{ projected: ProjectedEvents; leftOut: number; seconds: number }> {
  const decoder = new EventDecoder(deps.registry, deps.catalog);
  const projected = new ProjectedEvents();
  let leftOut = 0;
  const progress = new RangeProgress(`rebuild ${plan.projection.name}`, Number(plan.ranges.reduce((sum, r) => sum + rangeSize(r), 0n)), 'projected');
  // The rate is the projection's own, from the first batch on: joining the throwaway group comes before it.
  let started: number | undefined;
  try {
    const outcome = await readRanges(
      deps.kafka,
      plan.ranges,
      async (messages) => {
        started ??= Date.now();
        const events = await decodeAll(decoder, messages);
        const projectable = events.filter((e) => e.message.key === e.tenantId);
        leftOut += messages.length - projectable.length;
        await shadow.transaction(deps.pool, (tx) => plan.projection.project(tx, projectable));
        projectable.forEach((e) => projected.add(e.message, e.eventId));
        progress.update(messages.length, projected.count);
      },
      { partitionsConcurrently: REBUILD_CONCURRENCY },
    );
    if (outcome === 'interrupted') throw new InterruptedRebuild(`interrupted; the partial rebuild is left in schema ${shadow.name} (drop it with DROP SCHEMA ${shadow.name} CASCADE)`);
  } finally {
    progress.stop();
  }
  return { projected, leftOut, seconds: started === undefined ? 0 : (Date.now() - started) / 1000 };
}

/**
 * The events compared: those the rebuild projected below where the live projection has got to,
 * and the live rows' own events below the same positions (a row the rebuild never produced counts
 * as a difference, not as nothing).
 */
async function compareWithLive(pool: Pool, plan: RebuildPlan, shadow: ShadowSchema, rebuilt: string[], limits: Map<string, bigint>): Promise<TableComparison[]> {
  const client = await pool.connect();
  try {
    const below = plan.ranges.map((r) => ({ topic: r.topic, partition: r.partition, below: limits.get(rangeKey(r.topic, r.partition)) ?? 0n }));
    const live = (await plan.projection.liveEventsBelow?.(client, shadow.liveSchema, below)) ?? [];
    const compared = [...new Set([...rebuilt, ...live.map((id) => id.toLowerCase())])];
    const comparisons: TableComparison[] = [];
    for (const table of plan.projection.tables.filter((t) => t.keyedByEvent)) comparisons.push(await compareTable(client, { live: shadow.liveSchema, rebuilt: shadow.name }, table, compared));
    return comparisons;
  } finally {
    client.release();
  }
}

async function decodeAll(decoder: EventDecoder, messages: IncomingMessage[]): Promise<DecodedEvent[]> {
  const events: DecodedEvent[] = [];
  for (const message of messages) {
    try {
      events.push(await decoder.decode(message));
    } catch (error) {
      if (!(error instanceof UndecodableMessageError)) throw error;
    }
  }
  return events;
}

/** How far the live projection has got on each partition, capped at the rebuild's end. */
async function liveReached(pool: Pool, plan: RebuildPlan): Promise<{ limits: Map<string, bigint>; behind: string[] }> {
  const { rows } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
    'SELECT topic, partition, next_offset FROM consumer_offsets WHERE cluster_id = $1 AND group_id = $2 AND topic = ANY($3)',
    [plan.clusterId, plan.liveGroup, plan.topics],
  );
  const stored = new Map(rows.map((r) => [rangeKey(r.topic, r.partition), BigInt(r.next_offset)]));
  const limits = new Map<string, bigint>();
  const behind: string[] = [];
  for (const range of plan.ranges) {
    const key = rangeKey(range.topic, range.partition);
    const live = stored.get(key) ?? 0n;
    if (live < range.end) behind.push(key);
    limits.set(key, live < range.end ? live : range.end);
  }
  return { limits, behind };
}
