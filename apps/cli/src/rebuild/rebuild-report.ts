import type { RebuildableProjection, TableComparison } from '@eventline/projection-rebuild';
import { formatTable } from '../output/table';
import type { RebuildResult } from './run-rebuild';

/** Equal only when something was compared: a rebuild of events the live projection never reached proves nothing. */
export const rebuildIsEqual = (result: RebuildResult): boolean =>
  (result.projected === 0 || result.comparisons.some((c) => c.liveRows + c.rebuiltRows > 0)) && result.comparisons.every((c) => c.differing === 0 && c.liveChecksum === c.rebuiltChecksum);

/** The comparison for the terminal: one line per table, then sample event ids of what differs. */
export function formatRebuildReport(projection: RebuildableProjection, result: RebuildResult): string {
  const rate = result.seconds > 0 ? Math.round(result.projected / result.seconds) : result.projected;
  const rows = result.comparisons.map((c) => [c.table, String(c.liveRows), String(c.rebuiltRows), c.liveChecksum === c.rebuiltChecksum ? 'equal' : 'DIFFERENT', String(c.differing)]);
  const lines = [
    `Rebuilt ${projection.name}: ${result.projected} events in ${result.seconds.toFixed(1)} s (${rate} ev/s), into schema ${result.shadow.name}${result.leftOut > 0 ? `; ${result.leftOut} left out, as the live projector dead-letters them` : ''}`,
    '',
    formatTable(['TABLE', 'LIVE ROWS', 'REBUILT ROWS', 'CHECKSUM', 'DIFFERING'], rows),
  ];
  const aggregates = projection.tables.filter((t) => !t.keyedByEvent).map((t) => t.name);
  if (aggregates.length > 0) lines.push('', `${aggregates.join(', ')}: rebuilt, not compared (aggregates of the rows above, which the live projection goes on adding to)`);
  for (const c of result.comparisons.filter((t) => t.differing > 0)) lines.push('', ...samples(c));
  if (result.liveBehind.length > 0)
    lines.push(
      '',
      `The live projection had not reached the rebuild's end on ${result.liveBehind.length} partition(s) (${result.liveBehind.slice(0, 3).join(', ')}${result.liveBehind.length > 3 ? ', …' : ''}): compared up to where it was.`,
    );
  const chain = result.comparisons.some((c) => c.table === 'audit_logs') ? ', hash chain included' : '';
  const nothingCompared = result.projected > 0 && result.comparisons.every((c) => c.liveRows + c.rebuiltRows === 0);
  const verdict = nothingCompared
    ? 'Not compared: the live projection has reached none of the rebuilt events (is it running, under this topic prefix?).'
    : rebuildIsEqual(result)
      ? `Equal: the rebuild reproduces the live read model${chain}.`
      : 'Different: see the event ids above.';
  lines.push('', verdict);
  return lines.join('\n');
}

function samples(c: TableComparison): string[] {
  return [`${c.table}: ${c.differing} row(s) differ${c.differing > c.samples.length ? `, the first ${c.samples.length}` : ''}:`, ...c.samples.map((s) => `  ${s.eventId}  ${s.what}`)];
}
