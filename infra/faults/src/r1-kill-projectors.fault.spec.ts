import { setTimeout as sleep } from 'node:timers/promises';
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
    const tokens = events.reduce(
      (sum, e) => ({ input: sum.input + Number((e.payload as { input_tokens: number }).input_tokens), output: sum.output + Number((e.payload as { output_tokens: number }).output_tokens) }),
      { input: 0, output: 0 },
    );
    const resumeSeconds: number[] = [];
    const recoveries: string[] = [];
    const startedAt = Date.now();
    // Published at a steady rate over the whole kill sequence, so every kill lands mid-stream.
    const streamMs = bySize({ short: 30_000, full: 120_000 });
    const chunk = 250;
    const publishing = (async () => {
      for (let i = 0; i < total; i += chunk) {
        await suite.publisher.publishUntyped(events.slice(i, i + chunk));
        const due = startedAt + ((i + chunk) / total) * streamMs;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      return seconds(startedAt);
    })();
    const projected = {
      audit: async () => (await auditCounts(suite.pool, tenants)).domainEvents,
      usage: async () => (await usageTotals(suite.pool, tenants)).records,
    };
    const killedAt: number[] = [];
    for (let n = 0; n < kills; n++) {
      // A random moment in the n-th slice of the stream; the projectors take turns.
      const slice = (0.8 * streamMs) / kills;
      const moment = startedAt + n * slice + Math.random() * slice * 0.5;
      if (moment > Date.now()) await sleep(moment - Date.now());
      const [name, victim] = n % 2 === 0 ? (['audit', suite.projector] as const) : (['usage', usage] as const);
      await victim.stop('SIGKILL');
      const restartedAt = Date.now();
      const before = await projected[name]();
      killedAt.push(before);
      await victim.start();
      await waitForHealth(victim.port);
      const readyS = seconds(restartedAt);
      await eventually(`the restarted ${name} projector to project again`, async () => ((await projected[name]()) > before || before >= total ? true : undefined), 120_000);
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
    // The audit handler names every event that reaches it again after its commit; none of these may.
    const repeatedEffects = suite.projector.logLines('events already projected reached the handler again').filter((line) => tenants.some((t) => line.includes(t))).length;

    printFaultReport(`R1: ${total} events, ${kills} kill -9 of the audit and usage projectors`, {
      'published in (s)': publishedS,
      'killed at (rows of the killed projector)': killedAt.join(', '),
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
