import type { HistoryGateReport, HistoryGateResult } from '@eventline/contract-registration';

/**
 * The gate's findings, failures last so they sit right above the summary in a CI log. Returns
 * the summary line and whether the gate failed. Contracts without history are listed on request.
 */
export function printHistoryGate(report: HistoryGateReport, listWithoutHistory = false): { summary: string; failed: boolean } {
  const { results } = report;
  // One line per contract without history is a page per run while most have none; the summary counts them.
  for (const result of listWithoutHistory ? results : []) {
    if (result.status === 'no-history') console.log(`○ ${result.subject} (${result.file}): no history, ${result.reason}`);
  }
  for (const result of results) {
    if (result.status === 'no-history') continue;
    for (const { commit, error } of result.refused) {
      console.log(`! ${result.subject}: the registry refused the version of commit ${commit.slice(0, 8)}, so production never had it; not compared (${error})`);
    }
  }
  const failed = results.filter((r): r is Extract<HistoryGateResult, { status: 'incompatible' }> => r.status === 'incompatible');
  for (const result of failed) {
    const verdict = result.registryRefused ? '' : ' (the registry accepts it; the field diff does not)';
    console.log(`✗ ${result.subject} (${result.file})${verdict}`);
    for (const problem of result.problems) console.log(`    ${problem}`);
  }
  if (report.cleanupErrors.length > 0) {
    console.log(`! ${report.cleanupErrors.length} temporary subject step(s) failed to clean up, e.g. ${report.cleanupErrors[0]}`);
  }
  if (report.shallowClone) console.log('! the repository is a shallow clone: versions before its first commit were not compared (clone with full history)');
  return { summary: summarize(report), failed: failed.length > 0 };
}

function summarize({ results, versionsRegistered, seconds, subjectPrefix }: HistoryGateReport): string {
  const count = (test: (r: HistoryGateResult) => boolean) => results.filter(test).length;
  const withHistory = count((r) => r.status !== 'no-history');
  const compatible = count((r) => r.status === 'compatible');
  const incompatible = count((r) => r.status === 'incompatible');
  const reasons = ['never committed', 'committed only as in the working tree', 'every committed version refused by the registry']
    .map((reason) => [reason, count((r) => r.status === 'no-history' && r.reason === reason)] as const)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`);
  const without = results.length - withHistory;
  return [
    `${results.length} contracts in ${seconds.toFixed(1)} s`,
    `${withHistory} with history (${versionsRegistered} committed versions replayed under ${subjectPrefix}-*): ${compatible} compatible, ${incompatible} incompatible`,
    `${without} without history${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
  ].join('; ');
}
