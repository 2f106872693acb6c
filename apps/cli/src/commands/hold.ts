import type { Command } from 'commander';
import { holdPlacedEvent, holdReleasedEvent, listHolds, placeHold, releaseHold, type LegalHold } from '@eventline/read-model-retention';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { formatTable } from '../output/table';
import { describeRecorded, withGovernanceRecorder } from '../governance/governance-recorder';
import { operatorOf } from '../governance/operator';
import { refusingInput } from '../retention/input-errors';

interface HoldOptions {
  tenant: string;
  reason: string;
  actor?: string;
}

/** Legal holds: a tenant on hold keeps every row retention would delete, until the hold is removed. */
export function holdCommands(program: Command, context: CliContext): void {
  const hold = program.command('hold').description('legal holds: while a tenant is on hold, retention deletes none of its rows; every change is a governance event');

  hold
    .command('add')
    .description('place a legal hold on a tenant; recorded as compliance.legal_hold_placed')
    .requiredOption('--tenant <id>', 'the tenant to hold, exactly as its events carry it')
    .requiredOption('--reason <text>', 'why: a matter or ticket reference (no personal data; it is published)')
    .option('--actor <id>', 'who places the hold (default: EVENTLINE_ACTOR, else the OS user)')
    .action((options: HoldOptions) => changeHold(context, options, 'placed'));

  hold
    .command('remove')
    .description("release a tenant's legal hold; retention applies to its rows again from the next run; recorded as compliance.legal_hold_released")
    .requiredOption('--tenant <id>', 'the tenant whose hold to release')
    .requiredOption('--reason <text>', 'why: a matter or ticket reference (no personal data; it is published)')
    .option('--actor <id>', 'who releases the hold (default: EVENTLINE_ACTOR, else the OS user)')
    .action((options: HoldOptions) => changeHold(context, options, 'released'));

  hold
    .command('list')
    .description('the holds in force (with --history, released ones too)')
    .option('--tenant <id>', "only this tenant's holds")
    .option('--history', 'include released holds')
    .action(async (options: { tenant?: string; history?: boolean }) => {
      const holds = await refusingInput(() => withDatabase(context, (pool) => listHolds(pool, { tenantId: options.tenant, history: options.history })));
      if (holds.length === 0) return console.log(options.history ? 'No legal holds, in force or released.' : 'No legal holds in force.');
      console.log(formatTable(['TENANT', 'PLACED', 'BY', 'RELEASED', 'REASON'], holds.map(holdRow)));
    });
}

/** The event is published inside the hold's transaction: a hold that could not be recorded is not placed (or released). */
async function changeHold(context: CliContext, options: HoldOptions, change: 'placed' | 'released'): Promise<void> {
  const input = { tenantId: options.tenant, reason: options.reason, actor: operatorOf(options.actor) };
  let recorded = '';
  const hold = await withGovernanceRecorder(context, (recorder) =>
    refusingInput(() =>
      withDatabase(context, (pool) => {
        const record = async (h: LegalHold) => void (recorded = describeRecorded(await recorder.record(change === 'placed' ? holdPlacedEvent(h) : holdReleasedEvent(h))));
        return change === 'placed' ? placeHold(pool, input, record) : releaseHold(pool, input, record);
      }),
    ),
  );
  console.log(
    change === 'placed'
      ? `legal hold placed on tenant ${hold.tenantId} (hold ${hold.id}): retention deletes none of its rows until it is removed`
      : `legal hold released on tenant ${hold.tenantId} (hold ${hold.id}, placed ${hold.placedAt.toISOString()}): retention applies to its rows from the next run`,
  );
  console.log(`recorded as ${recorded}`);
}

function holdRow(hold: LegalHold): string[] {
  const released = hold.releasedAt ? `${hold.releasedAt.toISOString()} by ${hold.releasedBy}` : 'in force';
  const reason = hold.releaseReason ? `${hold.reason} (released: ${hold.releaseReason})` : hold.reason;
  return [hold.tenantId, hold.placedAt.toISOString(), hold.placedBy, released, reason];
}
