import type { Pool } from 'pg';
import type { RebuildableProjection } from './rebuildable-projection';
import type { ShadowSchema } from './shadow-schema';

export interface SwapTarget {
  clusterId: string;
  /** The live projector's group, which continues from `offsets` once it starts again. */
  group: string;
  topics: string[];
  /** Where the rebuild ended, per partition: the live group's next offsets after the swap. */
  offsets: Array<{ topic: string; partition: number; offset: bigint }>;
}

/** The projection's tables whose rows do not say which topic they came from: a swap cannot replace those by topic. */
export const unswappableTables = (projection: RebuildableProjection): string[] => projection.tables.filter((t) => t.topicColumn === null).map((t) => t.name);

/**
 * Replaces the live rows of the rebuilt topics with the rebuilt ones, and the live group's stored
 * offsets with the rebuild's end, in one transaction: a reader sees the old read model or the new
 * one, never a mix. Rows of other topics stay. The live projector must not be running (the caller
 * checks its group has no members), or it would go on from positions the swap has undone. The
 * group's offsets in Kafka are left alone: the projector seeks to those in PostgreSQL, and its
 * next commits bring Kafka's copy up to date.
 */
export async function swapProjection(pool: Pool, shadow: ShadowSchema, projection: RebuildableProjection, target: SwapTarget): Promise<Record<string, number>> {
  const unswappable = unswappableTables(projection);
  if (unswappable.length > 0) throw new Error(`${unswappable.join(', ')} do not record which topic a row came from, so a swap cannot tell which live rows to replace`);
  return shadow.transaction(pool, async (tx) => {
    const swapped: Record<string, number> = {};
    for (const table of projection.tables) {
      const live = `${shadow.liveSchema}.${table.name}`;
      await tx.query(`DELETE FROM ${live} WHERE ${table.topicColumn} = ANY($1)`, [target.topics]);
      const columns = table.columns.join(', ');
      const inserted = await tx.query(`INSERT INTO ${live} (${columns}) SELECT ${columns} FROM ${shadow.name}.${table.name}`);
      swapped[table.name] = inserted.rowCount ?? 0;
    }
    const offsets = `${shadow.liveSchema}.consumer_offsets`;
    await tx.query(`DELETE FROM ${offsets} WHERE cluster_id = $1 AND group_id = $2 AND topic = ANY($3)`, [target.clusterId, target.group, target.topics]);
    await tx.query(`INSERT INTO ${offsets} (cluster_id, group_id, topic, partition, next_offset) SELECT $1, $2, * FROM unnest($3::text[], $4::int[], $5::bigint[])`, [
      target.clusterId,
      target.group,
      target.offsets.map((o) => o.topic),
      target.offsets.map((o) => o.partition),
      target.offsets.map((o) => o.offset.toString()),
    ]);
    return swapped;
  });
}
