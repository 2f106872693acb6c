import type { Pool, PoolClient } from 'pg';
import { CliError } from '../errors';
import type { PartitionReset } from './group-reset';

const UNDEFINED_TABLE = '42P01';

export interface StoredOffset {
  topic: string;
  partition: number;
  nextOffset: string;
}

/** The group's rows of consumer_offsets in this cluster: none for a group that is not one of Eventline's own. */
export async function readStoredOffsets(pool: Pool, clusterId: string, group: string): Promise<StoredOffset[]> {
  const { rows } = await pool
    .query<{ topic: string; partition: number; next_offset: string }>('SELECT topic, partition, next_offset FROM consumer_offsets WHERE cluster_id = $1 AND group_id = $2 ORDER BY topic, partition', [
      clusterId,
      group,
    ])
    .catch((error: { code?: string }) => {
      throw error.code === UNDEFINED_TABLE ? new CliError('PostgreSQL has no consumer_offsets table yet: run `eventline db migrate` first') : error;
    });
  return rows.map((row) => ({ topic: row.topic, partition: row.partition, nextOffset: row.next_offset }));
}

/** Moves the stored positions; a partition without a row gets one, as the projector would have written it. */
export async function writeStoredOffsets(client: PoolClient, clusterId: string, group: string, resets: PartitionReset[]): Promise<void> {
  await client.query(
    `INSERT INTO consumer_offsets (cluster_id, group_id, topic, partition, next_offset)
     SELECT $1, $2, * FROM unnest($3::text[], $4::int[], $5::bigint[])
     ON CONFLICT (cluster_id, group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
    [clusterId, group, resets.map((r) => r.topic), resets.map((r) => r.partition), resets.map((r) => r.target)],
  );
}
