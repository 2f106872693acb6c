import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { findEvent } from '@eventline/contracts';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { catalogEntries, toEntry } from '../catalog-site/catalog-entries';
import type { CatalogEntry } from '../catalog-site/catalog-entry';
import { renderCatalogHtml } from '../catalog-site/render-catalog-html';
import { screenshotHtml } from '../catalog-site/screenshot';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { formatTable } from '../output/table';

export function catalogCommands(program: Command, context: CliContext): void {
  const catalog = program.command('catalog').description('browse the event catalog');

  catalog
    .command('list')
    .description('one line per event type, with its topic, subject and latest registered version')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const entries = await entriesWithVersions(context);
      if (options.json) return void console.log(JSON.stringify(entries.map(listItem), null, 2));
      const rows = entries.map((e) => [e.eventType, e.category, e.topic, latest(e), e.subject]);
      console.log(formatTable(['EVENT TYPE', 'CATEGORY', 'TOPIC', 'VERSION', 'SUBJECT'], rows));
      console.log(`\n${entries.length} event types in ${new Set(entries.map((e) => e.topic)).size} topics`);
    });

  catalog
    .command('show <event_type>')
    .description('the fields of one event type, with types, docs and PII marks')
    .action((eventType: string) => {
      const event = findEvent(context.catalog, eventType);
      if (!event) throw new CliError(unknownEventMessage(eventType, context.catalog.events.map((e) => e.eventType)));
      const entry = toEntry(event);
      console.log(`${entry.eventType} — ${entry.title}\n${entry.doc}\n`);
      console.log(`category ${entry.category} · domain ${entry.domain} · entity ${entry.entityType} · seed ${entry.seed}`);
      console.log(`topic    ${entry.topic}\nsubject  ${entry.subject}\nfile     ${event.file}\n`);
      const rows = entry.fields.map((f) => [f.path, f.type, f.pii ? 'PII' : '', f.doc]);
      console.log(formatTable(['FIELD', 'TYPE', 'PII', 'DOC'], rows));
    });

  catalog
    .command('build')
    .description('write the browsable HTML catalog')
    .option('--out <dir>', 'output folder', join(findWorkspaceRoot(), '.local', 'catalog'))
    .option('--screenshot', 'also render the page in headless Chromium to catalog.png beside it')
    .action(async (options: { out: string; screenshot?: boolean }) => {
      const entries = await entriesWithVersions(context);
      const out = resolve(options.out);
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

/** Versions come from the registry when it answers; the catalog is still useful when it does not. */
async function entriesWithVersions(context: CliContext): Promise<CatalogEntry[]> {
  try {
    return await catalogEntries(context.catalog, context.registry());
  } catch (error) {
    console.error(`note: registry not reachable (${(error as Error).message}); versions are left blank`);
    return catalogEntries(context.catalog);
  }
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

function unknownEventMessage(eventType: string, known: string[]): string {
  const needle = eventType.toLowerCase().replace(/[^a-z0-9]/g, '');
  const close = known.filter((k) => {
    const hay = k.toLowerCase().replace(/[^a-z0-9]/g, '');
    return hay.includes(needle) || needle.includes(hay);
  });
  const hint = close.length ? ` Did you mean: ${close.slice(0, 5).join(', ')}?` : ' `eventline catalog list` shows them all.';
  return `Unknown event type "${eventType}".${hint}`;
}
