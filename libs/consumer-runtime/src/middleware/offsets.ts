import type { Middleware, TransactionalContext } from '../context';

/**
 * Keeps the group's position in PostgreSQL, inside the batch's transaction. Messages below the
 * stored position were already projected (Kafka re-delivers after a crash or a rebalance) and are
 * dropped. The row lock also serialises two members that briefly both hold a partition.
 */
export function storedOffsets(clusterId: () => string): Middleware<TransactionalContext> {
  return async (context, next) => {
    const tx = context.tx;
    const { rows } = await tx.query<{ next_offset: string }>('SELECT next_offset FROM consumer_offsets WHERE cluster_id = $1 AND group_id = $2 AND topic = $3 AND partition = $4 FOR UPDATE', [
      clusterId(),
      context.group,
      context.topic,
      context.partition,
    ]);
    const stored = rows.length > 0 ? BigInt(rows[0].next_offset) : -1n;
    context.messages = context.messages.filter((message) => BigInt(message.offset) >= stored);
    if (context.messages.length > 0) await next();
    if (BigInt(context.nextOffset) > stored) {
      await tx.query(
        `INSERT INTO consumer_offsets (cluster_id, group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (cluster_id, group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [clusterId(), context.group, context.topic, context.partition, context.nextOffset],
      );
    }
  };
}

/** The stored position of each partition, to seek to when partitions are assigned. */
export async function readStoredOffsets(
  query: (sql: string, params: unknown[]) => Promise<{ rows: Array<{ topic: string; partition: number; next_offset: string }> }>,
  clusterId: string,
  group: string,
): Promise<Array<{ topic: string; partition: number; offset: string }>> {
  const { rows } = await query('SELECT topic, partition, next_offset FROM consumer_offsets WHERE cluster_id = $1 AND group_id = $2', [clusterId, group]);
  return rows.map((row) => ({ topic: row.topic, partition: row.partition, offset: row.next_offset }));
}
