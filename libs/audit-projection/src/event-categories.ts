import type { Catalog } from '@eventline/contracts';

/** A pg Client, Pool or transaction. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
}

/**
 * Writes the catalog's category of every event type into event_categories, where the system_events
 * view (migration 1764000000082) finds it: part of `eventline db migrate`, so the view is true to the
 * catalog each release ships. Types the catalog no longer has keep their row (their events stay in
 * domain_events). Returns how many rows it added or changed.
 */
export async function writeEventCategories(db: Queryable, catalog: Catalog): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO event_categories (event_type, category) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (event_type) DO UPDATE SET category = EXCLUDED.category WHERE event_categories.category IS DISTINCT FROM EXCLUDED.category`,
    [catalog.events.map((event) => event.eventType), catalog.events.map((event) => event.category)],
  );
  return rowCount ?? 0;
}
