import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { catalogEntries } from '../catalog-site/catalog-entries';
import type { CatalogEntry } from '../catalog-site/catalog-entry';
import { renderCatalogHtml } from '../catalog-site/render-catalog-html';
import { screenshotHtml } from '../catalog-site/screenshot';
import type { CliContext } from '../context';
import { formatTable } from '../output/table';
import { catalogEventCommands } from './catalog-event';
import { platformSubscriptions, registeredVersionsOrNone } from './catalog-sources';

export function catalogCommands(program: Command, context: CliContext): void {
  const catalog = program.command('catalog').description('browse the event catalog');

  catalog
    .command('list')
    .description('one line per event type, with its topic, subject and latest registered version')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const entries = await entriesWithVersionsAndHandlers(context);
      if (options.json) return void console.log(JSON.stringify(entries.map(listItem), null, 2));
      const rows = entries.map((e) => [e.eventType, e.category, e.topic, latest(e), e.subject]);
      console.log(formatTable(['EVENT TYPE', 'CATEGORY', 'TOPIC', 'VERSION', 'SUBJECT'], rows));
      console.log(`\n${entries.length} event types in ${new Set(entries.map((e) => e.topic)).size} topics`);
    });

  catalogEventCommands(catalog, context);

  catalog
    .command('build')
    .description('write the browsable HTML catalog')
    // Resolved when the command runs: the built CLI starts outside a checkout, where there is no workspace root.
    .option('--out <dir>', 'output folder (default: .local/catalog in the checkout)')
    .option('--screenshot', 'also render the page in headless Chromium to catalog.png beside it')
    .action(async (options: { out?: string; screenshot?: boolean }) => {
      const entries = await entriesWithVersionsAndHandlers(context);
      const out = resolve(options.out ?? join(findWorkspaceRoot(), '.local', 'catalog'));
      mkdirSync(out, { recursive: true });
      const file = join(out, 'index.html');
      writeFileSync(file, renderCatalogHtml(entries, new Date()));
      console.log(`catalog: ${entries.length} event types written to ${file}`);
      if (options.screenshot) {
        await screenshotHtml(file, join(out, 'catalog.png'));
        console.log(`catalog: rendered in Chromium to ${join(out, 'catalog.png')}`);
      }
    });
}

/** Every entry with its registered versions (blank without a registry) and its platform handlers. */
async function entriesWithVersionsAndHandlers(context: CliContext): Promise<CatalogEntry[]> {
  const versions = await registeredVersionsOrNone(context, context.catalog.events);
  return catalogEntries(context.catalog, { versions, subscriptions: platformSubscriptions() });
}

const latest = (entry: CatalogEntry) => (entry.versions.length ? `v${Math.max(...entry.versions)}` : '-');

const listItem = (e: CatalogEntry) => ({
  event_type: e.eventType,
  category: e.category,
  domain: e.domain,
  topic: e.topic,
  subject: e.subject,
  latest_version: e.versions.length ? Math.max(...e.versions) : null,
});
