import type { Command } from 'commander';
import type { EventHandlerRef } from '@eventline/contracts';
import { toEntry } from '../catalog-site/catalog-entries';
import type { CatalogEntry } from '../catalog-site/catalog-entry';
import { formatVersions } from '../catalog-site/render-catalog-html';
import type { CliContext } from '../context';
import { formatTable } from '../output/table';
import { liveGroupsOn, type LiveGroup } from './catalog-live';
import { eventOrFail, platformGroupIds, platformSubscriptions, registeredVersionsOrNone } from './catalog-sources';

interface EventOptions {
  live?: boolean;
  json?: boolean;
}

const LIVE_HELP =
  "also the consumer groups the broker knows on the event's topic, each marked platform (in the handlers manifest) or downstream (not in it); fails when the broker does not answer within 5 s";

/** `catalog show` and `catalog handlers`: one event type, with who publishes and who consumes it. */
export function catalogEventCommands(catalog: Command, context: CliContext): void {
  catalog
    .command('show <event_type>')
    .description('one event type: contract file, topic, subject, registered versions, publisher, platform handlers, and its fields with types, docs and PII marks')
    .option('--live', LIVE_HELP)
    .option('--json', 'print JSON instead of text')
    .action(async (eventType: string, options: EventOptions) => {
      const { entry, live } = await describeEvent(context, eventType, options, true);
      if (options.json) return void console.log(JSON.stringify({ ...showItem(entry), ...liveItem(live) }, null, 2));
      printShow(entry);
      if (live) printLive(entry.topic, live);
    });

  catalog
    .command('handlers <event_type>')
    .description("the platform's handlers of one event type, from the handlers manifest (schemas/subscriptions.json): one `app  group  handler` line each")
    .option('--live', LIVE_HELP)
    .option('--json', 'print JSON instead of text')
    .action(async (eventType: string, options: EventOptions) => {
      const { entry, live } = await describeEvent(context, eventType, options, false);
      if (options.json) return void console.log(JSON.stringify({ event_type: entry.eventType, handlers: entry.handlers, ...liveItem(live) }, null, 2));
      if (entry.handlers.length === 0) console.error(`note: the handlers manifest names no platform handler of ${entry.eventType}`);
      else console.log(alignColumns(entry.handlers.map(handlerRow)));
      if (live) printLive(entry.topic, live);
    });
}

async function describeEvent(context: CliContext, eventType: string, options: EventOptions, withVersions: boolean): Promise<{ entry: CatalogEntry; live?: LiveGroup[] }> {
  const event = eventOrFail(context, eventType);
  const subscriptions = platformSubscriptions();
  const versions = withVersions ? await registeredVersionsOrNone(context, [event]) : undefined;
  const entry = toEntry(context.catalog, event, { versions, subscriptions });
  const live = options.live ? await liveGroupsOn(context, entry.topic, platformGroupIds(subscriptions)) : undefined;
  return { entry, live };
}

function printShow(entry: CatalogEntry): void {
  console.log(`${entry.eventType} — ${entry.title}\n${entry.doc}\n`);
  console.log(`category ${entry.category} · domain ${entry.domain} · entity ${entry.entityType} · seed ${entry.seed}`);
  console.log(
    alignColumns([
      ['topic', entry.topic],
      ['subject', entry.subject],
      ['file', entry.file],
      ['versions', formatVersions(entry.versions)],
      ['publisher', entry.owner ? `the ${entry.domain} domain: ${entry.owner}` : `the ${entry.domain} domain`],
    ]),
  );
  console.log('\nhandled by (schemas/subscriptions.json):');
  console.log(entry.handlers.length ? formatTable(['APP', 'GROUP', 'HANDLER'], entry.handlers.map(handlerRow)) : 'no platform handler');
  console.log('');
  const rows = entry.fields.map((f) => [f.path, f.type, f.pii ? 'PII' : '', f.doc]);
  console.log(formatTable(['FIELD', 'TYPE', 'PII', 'DOC'], rows));
}

function printLive(topic: string, groups: LiveGroup[]): void {
  console.log(`\nconsumer groups on ${topic} (live, from the broker):`);
  if (groups.length === 0) return void console.log('none has committed offsets on it');
  const rows = groups.map((g) => [g.group, g.kind === 'platform' ? 'platform' : 'downstream (not in the manifest)', g.state, String(g.members)]);
  console.log(formatTable(['GROUP', 'KIND', 'STATE', 'MEMBERS'], rows));
}

const handlerRow = (h: EventHandlerRef) => [h.app, h.group, h.handler];

/** Columns padded to their widest cell, two spaces apart, no header: one line per row, easy to grep or cut. */
function alignColumns(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i].length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

const showItem = (e: CatalogEntry) => ({
  event_type: e.eventType,
  title: e.title,
  category: e.category,
  domain: e.domain,
  owner: e.owner,
  entity_type: e.entityType,
  topic: e.topic,
  subject: e.subject,
  file: e.file,
  versions: e.versions,
  handlers: e.handlers,
  fields: e.fields,
});

const liveItem = (live: LiveGroup[] | undefined) => (live ? { live_groups: live } : {});
