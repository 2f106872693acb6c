import type { UntypedEventInput } from '@eventline/publisher';
import { eventually, health, ticketAssigned, uniqueName } from '@eventline/test-harness';
import { auditFaultSuite } from './support/audit-suite';
import { printFaultReport, seconds } from './support/fault-report';
import { poison } from './support/poison';
import { auditCounts } from './support/projection-counts';

const BUDGET_S = 30;

describe('R4a: a poison event holds only its own partition, and only for the retry budget', () => {
  jest.setTimeout(120_000);
  // A stall threshold shorter than the poison's retries, so readiness must show the wait.
  const suite = auditFaultSuite('fault-r4a', { env: { EVENTLINE_STALL_THRESHOLD_S: '2' } });

  it('other partitions never wait while a poison event is retried, and it is dead-lettered within the budget', async () => {
    const [poisoned, ...others] = Array.from({ length: 7 }, () => uniqueName('r4-wait'));
    const bad = await poison(suite.publisher, 'refused-by-database', ticketAssigned(poisoned, 0) as UntypedEventInput);
    const sentAt = Date.now();
    await suite.sendPoison([bad]);
    const watching = watchReadiness(suite.projector.port);
    await suite.publisher.publishUntyped(others.flatMap((tenant) => Array.from({ length: 50 }, (_, n) => ticketAssigned(tenant, n) as UntypedEventInput)));
    await eventually('the other tenants projected', async () => ((await auditCounts(suite.pool, others)).domainEvents === 300 ? true : undefined), 60_000);
    const [letter] = await suite.deadLettersOf([bad]);
    await eventually('readiness back to 200 once the poison is dead-lettered', async () => ((await health(suite.projector.port))?.status === 200 ? true : undefined), 30_000);
    const seen = await watching.stop();
    const deadLetteredAt = Date.parse(letter.headers['dlq-failed-at']);
    const poisonPartition = Number(letter.headers['dlq-original-partition']);
    // recorded_at is set inside each batch's transaction: when the other partitions' rows were written.
    const { rows } = await suite.pool.query(
      'SELECT kafka_partition AS p, max(recorded_at) AS last FROM domain_events WHERE tenant_id = ANY($1) AND NOT (topic = $2 AND kafka_partition = $3) GROUP BY kafka_partition',
      [others, bad.topic, poisonPartition],
    );
    const othersDoneAt = Math.max(...rows.map((row) => new Date(row.last).getTime()));
    const othersDoneS = seconds(sentAt, othersDoneAt);
    const deadLetteredS = seconds(sentAt, deadLetteredAt);
    const otherPartitions = rows.length;

    printFaultReport('R4a: one event the database refuses, 300 valid events of 6 other tenants', {
      'others projected after (s)': othersDoneS,
      'poison dead-lettered after (s)': deadLetteredS,
      'other partitions that flowed': otherPartitions,
      'dead-letter class': letter.headers['dlq-error-class'],
      'readiness while it waited': seen.stalledStatus ?? 'never not-ready',
      'stalled partitions reported': seen.stalled.join(', '),
      'stall lines in the log': suite.projector.logLines('partitions stalled').length,
    });
    expect(seen.stalledStatus).toBe(503);
    expect(seen.stalled).toContain(`${bad.topic}/${poisonPartition}`);
    expect(suite.projector.logLines('partitions stalled').length).toBeGreaterThan(0);
    expect(letter.headers['dlq-error-class']).toMatch(/^DatabaseError\(22/);
    expect(otherPartitions).toBeGreaterThan(0);
    expect(othersDoneS).toBeLessThan(deadLetteredS);
    expect(deadLetteredS).toBeLessThan(2 * BUDGET_S);
  });
});

/** Polls readiness until stopped: the first not-ready answer and the partitions it called stalled. */
function watchReadiness(port: number) {
  const seen: { stalledStatus?: number; stalled: string[] } = { stalled: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const answer = await health(port);
      const stalled: Array<{ topic: string; partition: number }> = answer?.body.work?.consumer?.stalled ?? [];
      if (answer && answer.status !== 200 && stalled.length > 0) {
        seen.stalledStatus ??= answer.status;
        for (const s of stalled) if (!seen.stalled.includes(`${s.topic}/${s.partition}`)) seen.stalled.push(`${s.topic}/${s.partition}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return { stop: async () => ((running = false), await loop, seen) };
}
