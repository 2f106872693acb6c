import type { KafkaPort } from '@eventline/kafka-port';
import type { BenchRun } from '../bench-run';
import { countRows, startCountingConsumer } from '../consumers';
import { waitFor } from '../consumers';

/**
 * One run of the real audit projection (EventConsumer with the pool: one transaction per batch
 * with the stored offsets, projectAuditEvents) over `events` pre-filled events, into empty tables
 * of the bench database. Returns events/s from the first batch to all rows visible to this
 * (another) session, i.e. committed.
 */
export async function projectionRun(run: BenchRun, kafka: KafkaPort, scope: string, topic: string, events: number, label: string, onBatch?: (handled: number, now: number) => void): Promise<number> {
  await run.db.truncateProjection();
  const consumer = await startCountingConsumer({ kafka, registry: run.registry, catalog: run.catalog(scope), group: run.group(label), topic, pool: run.db.pool, onBatch });
  const stop = run.cleanup.addOnce(`stop the ${label} consumer`, () => consumer.stop());
  try {
    const done = await waitFor(`${label} projected`, async () => consumer.handled() >= events && (await countRows(run.db.pool, 'domain_events')) >= events, consumer.handled, events, run.signal);
    return events / ((done - consumer.firstBatchAt()!) / 1000);
  } finally {
    await stop();
  }
}
