import { formatTable } from '../output/table';
import type { Manifest } from './manifest';

/** The manifest for the terminal: what was replayed, then the count per event type. */
export function formatManifest(manifest: Manifest): string {
  const topics = manifest.topics.length > 3 ? `${manifest.topics.length} topics (${manifest.topics.slice(0, 3).join(', ')}, …)` : manifest.topics.join(', ');
  const summary = [
    ['tenant', manifest.tenant],
    ['window', `[${manifest.window.from}, ${manifest.window.to})  on occurred_at (read from ${manifest.scannedFrom})`],
    ['target', manifest.dryRun ? 'dry run: nothing written' : manifest.target],
    ['types', manifest.types.length > 0 ? manifest.types.join(', ') : 'all'],
    ['topics', topics],
    ['events', String(manifest.count)],
    ['sha256', manifest.sha256],
  ];
  const byType = Object.entries(manifest.countsByType).map(([type, count]) => [type, String(count)]);
  return ['Replay manifest', ...summary.map(([name, value]) => `  ${name.padEnd(7)} ${value}`), '', byType.length > 0 ? formatTable(['EVENT TYPE', 'EVENTS'], byType) : '(no events matched)'].join(
    '\n',
  );
}
