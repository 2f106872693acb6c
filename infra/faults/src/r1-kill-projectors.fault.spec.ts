import type { Pool } from 'pg';
import { eventually, uniqueName, waitForHealth } from '@eventline/test-harness';
import type { UntypedEventInput } from '@eventline/publisher';
import { bySize } from './fault-size';
import { auditFaultSuite } from './support/audit-suite';
import { chatMessage } from './support/chat-events';
import { printFaultReport, seconds } from './support/fault-report';
import { auditCounts } from './support/projection-counts';
import { ProjectorProcess, USAGE_PROJECTOR } from './support/projector-process';

const RESUME_GOAL_S = 10;

async function usageTotals(pool: Pool, tenants: string[]) {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM usage_records WHERE tenant_id = ANY($1)) AS records,
            (SELECT count(DISTINCT event_id) FROM usage_records WHERE tenant_id = ANY($1)) AS distinct_records,
            (SELECT coalesce(sum(input_tokens), 0) FROM usage_daily WHERE tenant_id = ANY($1)) AS input_tokens,
            (SELECT coalesce(sum(output_tokens), 0) FROM usage_daily WHERE tenant_id = ANY($1)) AS output_tokens`,
    [tenants],
  );
  return { records: Number(rows[0].records), distinct: Number(rows[0].distinct_records), input: Number(rows[0].input_tokens), output: Number(rows[0].output_tokens) };
}

describe('R1: kill -9 of the projectors at random moments during a stream', () => {
  jest.setTimeout(600_000);
  const suite = auditFaultSuite('fault-r1');
  const usage = new ProjectorProcess(USAGE_PROJECTOR);

  beforeAll(() => usage.startReady());
  afterAll(() => usage.stop());

  it('loses and duplicates nothing in domain_events, audit_logs, usage_records and the usage_daily sums', async () => {
    const total = bySize({ short: 20_000, full: 100_000 });
    const kills = bySize({ short: 3, full: 10 });
    const tenants = Array.from({ length: 6 }, () => uniqueName('r1'));
    const events: UntypedEventInput[] = Array.from({ length: total }, (_, n) => chatMessage(tenants[n % tenants.length], 1 + (n % 97), 1 + (n % 13)));
    const tokens = events.reduce((sum, e) => ({ input: sum.input + Number((e.payload as { input_tokens: number }).input_tokens), output: sum.output + Number((e.payload as { output_tokens: number }).output_tokens) }), { input: 0, output: 0 });
    const resumeSeconds: number[] = [];
    const startedAt = Date.now();
    // Published while the projectors are being killed, so every kill lands mid-stream.
    const publishing = (async () => {
      for (let i = 0; i < total; i += 250) await suite.publisher.publishUntyped(events.slice(i, i + 250));
      return seconds(startedAt);
    })();
    const projected = {
      audit: async () => (await auditCounts(suite.pool, tenants)).domainEvents,
      usage: async () => (await usageTotals(suite.pool, tenants)).records,
    };
    const thresholds = Array.from({ length: kills }, () => Math.floor(total * (0.05 + Math.random() * 0.45))).sort((a, b) => a - b);
    const recoveries: string[] = [];
    for (const [n, threshold] of thresholds.entries()) {
      // The projectors take turns: one is killed while the other keeps going.
      const [name, victim] = n % 2 === 0 ? (['audit', suite.projector] as const) : (['usage', usage] as const);
      await eventually(`${threshold} ${name} rows`, async () => ((await projected[name]()) >= threshold ? true : undefined), 180_000);
      await victim.stop('SIGKILL');
      const restartedAt = Date.now();
      const before = await projected[name]();
      await victim.start();
      await waitForHealth(victim.port);
      const readyS = seconds(restartedAt);
      if (before >= total) continue;
      await eventually(`the restarted ${name} projector to project again`, async () => ((await projected[name]()) > before ? true : undefined), 120_000);
      const toProjectingS = Number((seconds(restartedAt) - readyS).toFixed(1));
      recoveries.push(`${name} ${readyS} + ${toProjectingS}`);
      resumeSeconds.push(toProjectingS);
    }
    const publishedS = await publishing;
    await eventually('every event projected', async () => ((await projected.audit()) >= total && (await projected.usage()) >= total ? true : undefined), 300_000);
    const doneS = seconds(startedAt);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const audit = await auditCounts(suite.pool, tenants);
    const usageRows = await usageTotals(suite.pool, tenants);
    const repeatedEffects = suite.projector.logLines('events already projected reached the handler again').length;

    printFaultReport(`R1: ${total} events, ${kills} kill -9 of the audit and usage projectors`, {
      'published in (s)': publishedS,
      'killed at (rows of the killed projector)': thresholds.join(', '),
      'domain_events rows / distinct': `${audit.domainEvents} / ${audit.distinctDomainEvents}`,
      'audit_logs rows / distinct': `${audit.auditLogs} / ${audit.distinctAuditLogs}`,
      'usage_records rows / distinct': `${usageRows.records} / ${usageRows.distinct}`,
      'usage_daily input tokens (published)': `${usageRows.input} (${tokens.input})`,
      'usage_daily output tokens (published)': `${usageRows.output} (${tokens.output})`,
      lost: total - Math.min(audit.distinctDomainEvents, audit.distinctAuditLogs, usageRows.distinct),
      duplicated: audit.domainEvents - audit.distinctDomainEvents + audit.auditLogs - audit.distinctAuditLogs + usageRows.records - usageRows.distinct,
      'handler re-runs of committed events': repeatedEffects,
      'restart: to ready + to projecting (s)': recoveries.join('; '),
      'seconds to all projected': doneS,
    });
    expect(audit).toEqual({ domainEvents: total, auditLogs: total, distinctDomainEvents: total, distinctAuditLogs: total });
    expect(usageRows).toEqual({ records: total, distinct: total, ...tokens });
    expect(repeatedEffects).toBe(0);
    // From a restarted member's readiness to its first projected row: the group's takeover of the dead member's partitions.
    for (const s of resumeSeconds) expect(s).toBeLessThan(2 * RESUME_GOAL_S);
  });
});
