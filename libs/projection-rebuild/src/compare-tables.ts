import type { ClientBase } from 'pg';
import type { ProjectionTable } from './rebuildable-projection';

export interface RowDifference {
  eventId: string;
  what: 'missing from live' | 'missing from rebuild' | 'differs';
}

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  liveChecksum: string;
  rebuiltChecksum: string;
  differing: number;
  /** Up to 10, in event_id order. */
  samples: RowDifference[];
}

/**
 * Compares the live rows and the rebuilt rows of these events (those below the offsets the
 * rebuild fixed, and that the live projection has reached): counts, a checksum over the compared
 * columns in event_id order (sha256 over each row's md5), and the rows that differ.
 */
export async function compareTable(client: ClientBase, schemas: { live: string; rebuilt: string }, table: ProjectionTable, eventIds: string[]): Promise<TableComparison> {
  const row = `md5(ROW(${table.columns.map((c) => `t.${c}`).join(', ')})::text)`;
  const side = (schema: string) => `SELECT t.event_id, ${row} AS h FROM ${schema}.${table.name} t JOIN ids USING (event_id)`;
  const checksum = (name: string) => `(SELECT encode(sha256(convert_to(coalesce(string_agg(h, '' ORDER BY event_id), ''), 'UTF8')), 'hex') FROM ${name})`;
  const { rows } = await client.query(
    `WITH ids AS (SELECT DISTINCT unnest($1::uuid[]) AS event_id),
     l AS (${side(schemas.live)}),
     s AS (${side(schemas.rebuilt)}),
     d AS (
       SELECT coalesce(l.event_id, s.event_id) AS event_id,
              CASE WHEN l.event_id IS NULL THEN 'missing from live' WHEN s.event_id IS NULL THEN 'missing from rebuild' ELSE 'differs' END AS what
         FROM l FULL JOIN s ON l.event_id = s.event_id
        WHERE l.h IS DISTINCT FROM s.h)
     SELECT (SELECT count(*) FROM l)::int AS live_rows, (SELECT count(*) FROM s)::int AS rebuilt_rows,
            ${checksum('l')} AS live_checksum, ${checksum('s')} AS rebuilt_checksum,
            (SELECT count(*) FROM d)::int AS differing,
            (SELECT coalesce(json_agg(x ORDER BY x."eventId"), '[]'::json) FROM (SELECT event_id::text AS "eventId", what FROM d ORDER BY event_id LIMIT 10) x) AS samples`,
    [eventIds],
  );
  const r = rows[0];
  return { table: table.name, liveRows: r.live_rows, rebuiltRows: r.rebuilt_rows, liveChecksum: r.live_checksum, rebuiltChecksum: r.rebuilt_checksum, differing: r.differing, samples: r.samples };
}
