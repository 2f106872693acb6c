import { performance } from 'node:perf_hooks';
import { Client, type Pool } from 'pg';

const CHANNEL = 'bench_arrivals';

/**
 * A statement-level AFTER INSERT trigger on the bench database's audit_logs: each statement's new
 * rows' entity_ids go out by pg_notify, in chunks under NOTIFY's 8000-byte limit. PostgreSQL
 * delivers notifications only when the inserting transaction commits, so the listener below sees
 * a row when another session can read it, not when the projection's transaction wrote it.
 */
export async function installArrivalTrigger(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE OR REPLACE FUNCTION bench_notify_arrivals() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE chunk text;
    BEGIN
      FOR chunk IN SELECT string_agg(entity_id, ',') FROM (SELECT entity_id, (row_number() OVER ()) / 400 AS part FROM inserted) AS rows GROUP BY part LOOP
        PERFORM pg_notify('${CHANNEL}', chunk);
      END LOOP;
      RETURN NULL;
    END $$;
    DROP TRIGGER IF EXISTS bench_arrivals ON audit_logs;
    CREATE TRIGGER bench_arrivals AFTER INSERT ON audit_logs REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION bench_notify_arrivals();`);
}

export async function removeArrivalTrigger(pool: Pool): Promise<void> {
  await pool.query('DROP TRIGGER IF EXISTS bench_arrivals ON audit_logs; DROP FUNCTION IF EXISTS bench_notify_arrivals()');
}

/** A session of its own LISTENing: stamps performance.now() for each entity id as its notification arrives. */
export async function listenForArrivals(databaseUrl: string, arrived: (entityId: string, at: number) => void): Promise<{ close(): Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'eventline-bench-listener' });
  await client.connect();
  client.on('notification', (message) => {
    const at = performance.now();
    for (const id of (message.payload ?? '').split(',')) if (id) arrived(id, at);
  });
  await client.query(`LISTEN ${CHANNEL}`);
  return { close: () => client.end() };
}
