import type { IncomingMessage } from '@eventline/kafka-port';
import type { UntypedEventInput } from '@eventline/publisher';
import { eventually, health, metricSum, ticketAssigned, uniqueName } from '@eventline/test-harness';
import { bySize } from './fault-size';
import { auditFaultSuite } from './support/audit-suite';
import { chatMessage } from './support/chat-events';
import { printFaultReport, seconds } from './support/fault-report';
import { poison, POISON_HEADER, POISON_KINDS, type Poison, type PoisonKind } from './support/poison';
import { auditCounts } from './support/projection-counts';

/** A valid event of a tenant, on the tickets or the chat topic. */
const validEvent = (tenant: string, n: number): UntypedEventInput => (n % 2 === 0 ? (ticketAssigned(tenant, n) as UntypedEventInput) : chatMessage(tenant, 10, 5));

describe('R4: 1% poison of five kinds among valid events, on several partitions and topics', () => {
  jest.setTimeout(300_000);
  const suite = auditFaultSuite('fault-r4');

  it('dead-letters each poison event once, with its reason, and projects every valid event once', async () => {
    const total = bySize({ short: 5_000, full: 20_000 });
    const tenants = Array.from({ length: 12 }, () => uniqueName('r4'));
    const kinds = Object.keys(POISON_KINDS) as PoisonKind[];
    const valid: UntypedEventInput[] = [];
    const poisons: Poison[] = [];
    const deadLetteredBefore = await metricSum(suite.projector.port, 'eventline_events_dead_lettered_total');
    const startedAt = Date.now();
    for (let chunk = 0; chunk < total; chunk += 1_000) {
      const events = Array.from({ length: 1_000 }, (_, n) => validEvent(tenants[(chunk + n) % tenants.length], chunk + n));
      const bad = await Promise.all(events.slice(0, 10).map((event, n) => poison(suite.publisher, kinds[(chunk / 1_000 + n) % kinds.length], event)));
      const good = events.slice(10);
      // Poison lands between valid events of the same partitions.
      await suite.publisher.publishUntyped(good.slice(0, 500));
      await suite.sendPoison(bad);
      await suite.publisher.publishUntyped(good.slice(500));
      valid.push(...good);
      poisons.push(...bad);
    }
    const letters = await suite.deadLettersOf(poisons);
    await eventually('every valid event projected', async () => ((await auditCounts(suite.pool, tenants)).domainEvents >= valid.length ? true : undefined), 150_000);
    const doneS = seconds(startedAt);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const counts = await auditCounts(suite.pool, tenants);
    const lettersById = groupBy(letters, (m: IncomingMessage) => m.headers[POISON_HEADER]);
    const wrongClass = poisons.filter((p) => !lettersById.get(p.id)?.[0].headers['dlq-error-class'].startsWith(POISON_KINDS[p.kind]));
    const ready = await health(suite.projector.port);
    const deadLetteredMetric = (await metricSum(suite.projector.port, 'eventline_events_dead_lettered_total')) - deadLetteredBefore;

    printFaultReport(`R4: ${total} events, ${poisons.length} poison of ${kinds.length} kinds, ${tenants.length} tenants on 2 topics`, {
      'valid published': valid.length,
      'domain_events rows / distinct': `${counts.domainEvents} / ${counts.distinctDomainEvents}`,
      'audit_logs rows / distinct': `${counts.auditLogs} / ${counts.distinctAuditLogs}`,
      lost: valid.length - counts.distinctDomainEvents,
      duplicated: counts.domainEvents - counts.distinctDomainEvents,
      'poison dead-lettered (distinct)': lettersById.size,
      'dead letters seen more than once': [...lettersById.values()].filter((l) => l.length > 1).length,
      'dead letters with the wrong class': wrongClass.length,
      'seconds to all projected and dead-lettered': doneS,
      'readiness after': ready?.status ?? 'no answer',
      'rise of eventline_events_dead_lettered_total': deadLetteredMetric,
    });
    expect(deadLetteredMetric).toBe(poisons.length);
    expect(counts).toEqual({ domainEvents: valid.length, auditLogs: valid.length, distinctDomainEvents: valid.length, distinctAuditLogs: valid.length });
    expect(lettersById.size).toBe(poisons.length);
    expect([...lettersById.values()].every((l) => l.length === 1)).toBe(true);
    expect(wrongClass.map((p) => p.kind)).toEqual([]);
    for (const letter of letters) expect(letter.headers['dlq-error-message'].length).toBeGreaterThan(0);
    expect(ready?.status).toBe(200);
  });
});

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
