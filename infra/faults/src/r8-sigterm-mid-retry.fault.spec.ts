import type { UntypedEventInput } from '@eventline/publisher';
import { eventually, metricSum, ticketAssigned, uniqueName } from '@eventline/test-harness';
import { auditFaultSuite } from './support/audit-suite';
import { printFaultReport, seconds } from './support/fault-report';
import { poison } from './support/poison';
import { auditCounts } from './support/projection-counts';

const EXIT_GOAL_S = 10;

describe('R8: SIGTERM while a batch waits for its retry', () => {
  jest.setTimeout(120_000);
  const suite = auditFaultSuite('fault-r8');

  it('exits within seconds, and the next instance projects the rest exactly once', async () => {
    const tenant = uniqueName('r8');
    const before = Array.from({ length: 200 }, (_, n) => ticketAssigned(tenant, n) as UntypedEventInput);
    const after = Array.from({ length: 800 }, (_, n) => ticketAssigned(tenant, 200 + n) as UntypedEventInput);
    const bad = await poison(suite.publisher, 'refused-by-database', ticketAssigned(tenant, -1) as UntypedEventInput);
    const retriesBefore = await metricSum(suite.projector.port, 'eventline_consumer_retries_total');

    // One tenant, one partition: the valid events behind the poison wait for it, in order.
    await suite.publisher.publishUntyped(before);
    await suite.sendPoison([bad]);
    await suite.publisher.publishUntyped(after);
    await eventually('the poison batch to be retrying', async () => ((await metricSum(suite.projector.port, 'eventline_consumer_retries_total')) > retriesBefore ? true : undefined), 30_000);
    const exitS = await suite.projector.stop('SIGTERM');
    const atExit = await auditCounts(suite.pool, [tenant]);

    const restartedAt = Date.now();
    await suite.projector.startReady();
    await eventually('every valid event projected', async () => ((await auditCounts(suite.pool, [tenant])).domainEvents >= 1_000 ? true : undefined), 60_000);
    const [letter] = await suite.deadLettersOf([bad]);
    const counts = await auditCounts(suite.pool, [tenant]);

    printFaultReport('R8: SIGTERM mid-retry, 1,000 valid events behind one the database refuses', {
      'exit after SIGTERM (s)': exitS,
      'projected when it exited': atExit.domainEvents,
      'domain_events rows / distinct': `${counts.domainEvents} / ${counts.distinctDomainEvents}`,
      'audit_logs rows / distinct': `${counts.auditLogs} / ${counts.distinctAuditLogs}`,
      lost: 1_000 - counts.distinctDomainEvents,
      duplicated: counts.domainEvents - counts.distinctDomainEvents,
      'restart to all projected (s)': seconds(restartedAt),
      'dead letter': letter.headers['dlq-error-class'],
    });
    expect(exitS).toBeLessThan(2 * EXIT_GOAL_S);
    expect(atExit.domainEvents).toBeLessThan(1_000);
    expect(counts).toEqual({ domainEvents: 1_000, auditLogs: 1_000, distinctDomainEvents: 1_000, distinctAuditLogs: 1_000 });
    expect(letter.headers['dlq-error-class']).toMatch(/^DatabaseError/);
  });
});
