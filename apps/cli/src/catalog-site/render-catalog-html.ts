import type { EventHandlerRef, FieldInfo } from '@eventline/contracts';
import type { CatalogEntry } from './catalog-entry';

/**
 * Renders the whole catalog as one self-contained HTML page: inline CSS, a small inline script for
 * search (`?q=` pre-fills it) and the category filter, no external resources. Everything inserted
 * from the catalog goes through `escapeHtml`.
 */
export function renderCatalogHtml(entries: CatalogEntry[], generatedAt: Date): string {
  const groups = groupByCategory(entries);
  const topics = new Set(entries.map((entry) => entry.topic));
  const domains = new Set(entries.map((entry) => entry.domain));
  const total = entries.length;

  const stats = [stat(total, 'event type', 'event types'), stat(groups.length, 'category', 'categories'), stat(topics.size, 'topic', 'topics'), stat(domains.size, 'domain', 'domains')].join('');

  const categoryOptions = groups.map((group) => `<option value="${escapeHtml(group.category)}">${escapeHtml(group.category)} (${group.entries.length})</option>`).join('');

  const sidebar = groups
    .map(
      (group) =>
        `<li data-nav-category="${escapeHtml(group.category)}"><a href="#${escapeHtml(group.id)}">` +
        `<span class="nav-name">${escapeHtml(group.category)}</span>` +
        `<span class="nav-count" data-total="${group.entries.length}">${group.entries.length}</span></a></li>`,
    )
    .join('\n');

  const body = groups.length === 0 ? '<p class="empty">The catalog holds no event types yet.</p>' : groups.map(renderGroup).join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="eventline catalog-site">
<title>Eventline event catalog</title>
<style>${STYLES}</style>
</head>
<body>
<header class="page-header">
  <div class="page-header-inner">
    <div>
      <h1>Eventline event catalog</h1>
      <p class="generated">Generated <time datetime="${escapeHtml(generatedAt.toISOString())}">${escapeHtml(formatTimestamp(generatedAt))}</time></p>
    </div>
    <dl class="stats">${stats}</dl>
  </div>
</header>
<div class="toolbar" role="search">
  <div class="toolbar-inner">
    <label class="visually-hidden" for="search">Search events</label>
    <input id="search" class="search" type="search" placeholder="Search event type, title, category, topic, doc or field name…  (press / to focus)" autocomplete="off" spellcheck="false">
    <label class="visually-hidden" for="category">Category</label>
    <select id="category" class="category-select">
      <option value="">All categories (${groups.length})</option>
      ${categoryOptions}
    </select>
    <output id="counter" class="counter" for="search category" aria-live="polite"><strong>${total}</strong> of ${total} events</output>
  </div>
</div>
<div class="layout">
  <nav class="sidebar" aria-label="Categories">
    <h2>Categories</h2>
    <ul>
${sidebar}
    </ul>
  </nav>
  <main id="events">
${body}
    <p id="no-match" class="empty" hidden>No events match your search.</p>
  </main>
</div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** "v1, v2", or "not registered yet" when the registry holds none (or was not asked). */
export function formatVersions(versions: number[]): string {
  if (versions.length === 0) return 'not registered yet';
  return [...new Set(versions)]
    .sort((a, b) => a - b)
    .map((version) => `v${version}`)
    .join(', ');
}

interface CategoryGroup {
  category: string;
  id: string;
  entries: CatalogEntry[];
}

function groupByCategory(entries: CatalogEntry[]): CategoryGroup[] {
  const byCategory = new Map<string, CatalogEntry[]>();
  for (const entry of entries) {
    const list = byCategory.get(entry.category) ?? [];
    list.push(entry);
    byCategory.set(entry.category, list);
  }
  const usedIds = new Set<string>();
  return [...byCategory.keys()].sort(compareText).map((category) => ({
    category,
    id: uniqueId(`category-${slug(category)}`, usedIds),
    entries: (byCategory.get(category) ?? []).slice().sort((a, b) => compareText(a.eventType, b.eventType)),
  }));
}

/** Case-insensitive so "auth" and "post" sit among "Assets" and "Projects", with a stable tie-break. */
function compareText(a: string, b: string): number {
  const folded = a.toLowerCase().localeCompare(b.toLowerCase(), 'en');
  return folded !== 0 ? folded : a < b ? -1 : a > b ? 1 : 0;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'uncategorized'
  );
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function renderGroup(group: CategoryGroup): string {
  const count = group.entries.length;
  return `<section class="category" id="${escapeHtml(group.id)}" data-category="${escapeHtml(group.category)}">
  <h2 class="category-heading"><span>${escapeHtml(group.category)}</span> <span class="category-count" data-total="${count}">${count} ${count === 1 ? 'event' : 'events'}</span></h2>
${group.entries.map(renderEntry).join('\n')}
</section>`;
}

function renderEntry(entry: CatalogEntry): string {
  const piiCount = entry.fields.filter((field) => field.pii).length;
  const handlerNames = entry.handlers.flatMap((handler) => [handler.app, handler.handler]);
  const searchText = [entry.eventType, entry.title, entry.category, entry.topic, entry.doc, ...entry.fields.map((field) => field.path), ...handlerNames].join(' ').toLowerCase();
  const registered = entry.versions.length > 0;
  return `<article class="event" id="${escapeHtml(entry.eventType)}" data-category="${escapeHtml(entry.category)}" data-search="${escapeHtml(searchText)}">
  <header class="event-header">
    <div class="event-names">
      <h3 class="event-type"><a href="#${escapeHtml(entry.eventType)}" title="Link to this event">${escapeHtml(entry.eventType)}</a></h3>
      <p class="event-title">${escapeHtml(entry.title)}</p>
    </div>
    <div class="event-badges">
      ${piiCount > 0 ? `<span class="badge badge-pii-summary" title="Fields holding personal data">${piiCount} PII ${piiCount === 1 ? 'field' : 'fields'}</span>` : ''}
    </div>
  </header>
  ${entry.doc ? `<p class="event-doc">${escapeHtml(entry.doc)}</p>` : ''}
  <dl class="event-meta">
    <div><dt>Domain</dt><dd>${escapeHtml(entry.domain)}${entry.owner ? `<span class="owner" title="Publisher: the domain's owner">${escapeHtml(entry.owner)}</span>` : ''}</dd></div>
    <div><dt>Entity type</dt><dd>${escapeHtml(entry.entityType)}</dd></div>
    <div><dt>Topic</dt><dd class="mono">${escapeHtml(entry.topic)}</dd></div>
    <div><dt>Registered versions</dt><dd><span class="badge ${registered ? 'badge-registered' : 'badge-unregistered'}">${escapeHtml(formatVersions(entry.versions))}</span></dd></div>
    <div><dt>Subject</dt><dd class="mono">${breakable(entry.subject)}</dd></div>
    <div class="meta-file"><dt>Contract</dt><dd class="mono">${breakable(entry.file)}</dd></div>
  </dl>
  ${renderHandlers(entry.handlers)}
  ${renderFields(entry.fields)}
</article>`;
}

/** Escaped text that may wrap after dots and dashes rather than mid-word (subjects are long). */
function breakable(text: string): string {
  return escapeHtml(text).replace(/([.-])/g, '$1<wbr>');
}

/** The platform's handlers, from the handlers manifest; another team's consumers are not in it. */
function renderHandlers(handlers: EventHandlerRef[]): string {
  if (handlers.length === 0) return '<p class="no-handlers">No platform handler in the handlers manifest.</p>';
  const rows = handlers.map(
    (h) => `<tr><td class="handler-app">${escapeHtml(h.app)}</td><td class="handler-group mono">${escapeHtml(h.group)}</td><td class="handler-name"><code>${escapeHtml(h.handler)}</code></td></tr>`,
  );
  return `<table class="handlers">
    <caption>Handled by</caption>
    <thead><tr><th scope="col">App</th><th scope="col">Consumer group</th><th scope="col">Handler</th></tr></thead>
    <tbody>${rows.join('')}</tbody>
  </table>`;
}

function renderFields(fields: FieldInfo[]): string {
  if (fields.length === 0) return '<p class="no-fields">This event carries no payload fields.</p>';
  const rows = fields.map((field) => {
    const depth = (field.path.match(/\./g) ?? []).length;
    // typeLabel already appends "?" to nullable unions; the "optional" mark says it in words instead.
    const type = field.optional ? field.type.replace(/\?$/, '') : field.type;
    return `<tr${field.pii ? ' class="pii"' : ''}>
        <td class="field-path" style="padding-left:${12 + depth * 16}px">${escapeHtml(field.path)}</td>
        <td class="field-type"><code>${escapeHtml(type)}</code>${field.optional ? ' <span class="tag tag-optional">optional</span>' : ''}</td>
        <td class="field-doc">${field.doc ? escapeHtml(field.doc) : '<span class="muted">—</span>'}</td>
        <td class="field-flags">${field.pii ? '<span class="badge badge-pii" title="Personal data (PII)">PII</span>' : ''}</td>
      </tr>`;
  });
  return `<table class="fields">
    <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Description</th><th scope="col"><span class="visually-hidden">Flags</span></th></tr></thead>
    <tbody>
      ${rows.join('\n      ')}
    </tbody>
  </table>`;
}

function stat(count: number, singular: string, plural: string): string {
  return `<div class="stat"><dd>${count}</dd><dt>${count === 1 ? singular : plural}</dt></div>`;
}

/** "2025-03-04 09:15 UTC": stable whatever the machine's time zone. */
function formatTimestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const STYLES = `
:root {
  --bg: #f4f6f9; --card: #ffffff; --border: #e2e7ee; --border-strong: #cfd7e2;
  --text: #1c2430; --muted: #5f6b7a; --accent: #3b5bdb; --accent-soft: #edf1ff;
  --pii: #b42318; --pii-soft: #fdecea; --ok: #1a7f4b; --ok-soft: #e5f6ec;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  --toolbar-h: 64px;
}
* { box-sizing: border-box; }
html { scroll-padding-top: calc(var(--toolbar-h) + 12px); }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .mono { font-family: var(--mono); font-size: 12.5px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.muted { color: var(--muted); }

.page-header { background: #1f2a44; color: #fff; }
.page-header-inner { max-width: 1360px; margin: 0 auto; padding: 24px 24px 20px; display: flex; align-items: flex-end; justify-content: space-between; gap: 24px; flex-wrap: wrap; }
.page-header h1 { margin: 0; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
.generated { margin: 4px 0 0; color: #b9c3d9; font-size: 13px; }
.stats { display: flex; gap: 12px; margin: 0; }
.stat { display: flex; flex-direction: column-reverse; align-items: center; min-width: 96px; padding: 8px 14px; border-radius: 10px; background: rgba(255,255,255,0.08); }
.stat dd { margin: 0; font-size: 22px; font-weight: 650; line-height: 1.2; }
.stat dt { font-size: 12px; color: #b9c3d9; text-transform: uppercase; letter-spacing: 0.04em; }

.toolbar { position: sticky; top: 0; z-index: 10; background: rgba(244,246,249,0.96); backdrop-filter: blur(6px); border-bottom: 1px solid var(--border); }
.toolbar-inner { max-width: 1360px; margin: 0 auto; padding: 12px 24px; display: flex; gap: 12px; align-items: center; height: var(--toolbar-h); }
.search { flex: 1; min-width: 0; height: 40px; padding: 0 14px; font: inherit; font-size: 15px; border: 1px solid var(--border-strong); border-radius: 8px; background: #fff; color: var(--text); }
.search:focus, .category-select:focus { outline: 2px solid var(--accent); outline-offset: 1px; border-color: var(--accent); }
.category-select { height: 40px; padding: 0 10px; font: inherit; border: 1px solid var(--border-strong); border-radius: 8px; background: #fff; color: var(--text); max-width: 280px; }
.counter { white-space: nowrap; color: var(--muted); min-width: 130px; text-align: right; }
.counter strong { color: var(--text); }

.layout { max-width: 1360px; margin: 0 auto; padding: 20px 24px 48px; display: grid; grid-template-columns: 240px minmax(0, 1fr); gap: 24px; align-items: start; }
.sidebar { position: sticky; top: calc(var(--toolbar-h) + 16px); max-height: calc(100vh - var(--toolbar-h) - 32px); overflow-y: auto; background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 12px 8px; }
.sidebar h2 { margin: 0 8px 8px; font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar a { display: flex; justify-content: space-between; gap: 8px; padding: 4px 8px; border-radius: 6px; color: var(--text); font-size: 13px; }
.sidebar a:hover { background: var(--accent-soft); text-decoration: none; }
.sidebar li.dim a { color: #a6b0bd; }
.nav-count { color: var(--muted); font-variant-numeric: tabular-nums; }

.category { margin-bottom: 28px; scroll-margin-top: calc(var(--toolbar-h) + 12px); }
.category-heading { display: flex; align-items: baseline; gap: 10px; margin: 0 0 12px; padding-bottom: 6px; font-size: 19px; font-weight: 650; border-bottom: 2px solid var(--border); }
.category-count { font-size: 13px; font-weight: 500; color: var(--muted); }

.event { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 16px 18px; margin-bottom: 14px; box-shadow: 0 1px 2px rgba(16,24,40,0.04); scroll-margin-top: calc(var(--toolbar-h) + 12px); }
.event:target { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-soft); }
.event-header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; }
.event-type { margin: 0; font-family: var(--mono); font-size: 15px; font-weight: 600; word-break: break-all; }
.event-type a { color: var(--accent); }
.event-title { margin: 2px 0 0; font-size: 15px; font-weight: 600; }
.event-badges { display: flex; gap: 6px; flex-shrink: 0; }
.event-doc { margin: 8px 0 12px; color: #2e3847; max-width: 90ch; }
.event-meta { display: grid; grid-template-columns: auto auto auto auto minmax(0, 1fr); justify-content: start; gap: 4px 28px; margin: 0 0 12px; padding: 10px 12px; background: #f8fafc; border: 1px solid var(--border); border-radius: 8px; }
.event-meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.event-meta dd { margin: 0; overflow-wrap: anywhere; }
.event-meta .meta-file { grid-column: 1 / -1; }
.event-meta .owner { display: block; color: var(--muted); font-size: 12px; }

.handlers { border-collapse: collapse; font-size: 13px; margin: 0 0 12px; min-width: 50%; }
.handlers caption { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; padding: 0 0 4px 12px; }
.handlers th { text-align: left; font-size: 10.5px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; padding: 3px 12px; border-bottom: 1px solid var(--border-strong); }
.handlers td { padding: 4px 12px; border-bottom: 1px solid var(--border); background: var(--accent-soft); }
.handlers tbody tr:last-child td { border-bottom: 0; }
.handler-app { font-weight: 600; }
.handler-name code { color: var(--accent); }
.no-handlers { color: var(--muted); font-style: italic; margin: 0 0 12px; }

.badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.badge-pii, .badge-pii-summary { color: var(--pii); background: var(--pii-soft); border-color: #f6c6c0; }
.badge-registered { color: var(--ok); background: var(--ok-soft); border-color: #bfe6cf; }
.badge-unregistered { color: var(--muted); background: #eef1f5; border-color: var(--border); }
.tag { display: inline-block; margin-left: 4px; padding: 0 6px; border-radius: 4px; font-size: 11px; vertical-align: 1px; }
.tag-optional { color: var(--muted); background: #eef1f5; border: 1px solid var(--border); }

.fields { width: 100%; border-collapse: collapse; font-size: 13px; }
.fields th { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; padding: 6px 12px; border-bottom: 1px solid var(--border-strong); }
.fields td { padding: 6px 12px; border-bottom: 1px solid var(--border); vertical-align: baseline; }
.fields tbody tr:last-child td { border-bottom: 0; }
.fields tbody tr:hover td { background: #fafbfd; }
.fields tr.pii td { background: #fffafa; }
.field-path { font-family: var(--mono); font-size: 12.5px; width: 24%; overflow-wrap: anywhere; }
.field-type { width: 17%; }
.field-type code { overflow-wrap: anywhere; }
.field-type code { color: #6a3fb5; }
.field-flags { width: 56px; text-align: right; }
.no-fields, .empty { color: var(--muted); font-style: italic; margin: 4px 0; }
.empty { padding: 24px; text-align: center; }

@media (max-width: 900px) {
  .layout { grid-template-columns: 1fr; }
  .sidebar { display: none; }
  .event-meta { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .toolbar-inner { flex-wrap: wrap; height: auto; }
}
`;

/** Plain ES5-ish browser script: no data is interpolated into it, the cards carry everything in data attributes. */
const SCRIPT = `
(function () {
  var search = document.getElementById('search');
  var select = document.getElementById('category');
  var counter = document.getElementById('counter');
  var noMatch = document.getElementById('no-match');
  var events = Array.prototype.slice.call(document.querySelectorAll('article.event'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.category'));
  var navItems = Array.prototype.slice.call(document.querySelectorAll('[data-nav-category]'));
  var total = events.length;

  function apply() {
    var terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var category = select.value;
    var shown = 0;
    var perCategory = {};
    events.forEach(function (card) {
      var text = card.getAttribute('data-search') || '';
      var ok = (!category || card.getAttribute('data-category') === category) &&
        terms.every(function (term) { return text.indexOf(term) !== -1; });
      card.hidden = !ok;
      if (ok) {
        shown++;
        var c = card.getAttribute('data-category');
        perCategory[c] = (perCategory[c] || 0) + 1;
      }
    });
    var filtered = terms.length > 0 || !!category;
    groups.forEach(function (group) {
      var n = perCategory[group.getAttribute('data-category')] || 0;
      group.hidden = n === 0;
      var badge = group.querySelector('.category-count');
      var all = Number(badge.getAttribute('data-total'));
      badge.textContent = (filtered && n !== all ? n + ' of ' + all : all) + (all === 1 ? ' event' : ' events');
    });
    navItems.forEach(function (item) {
      var n = perCategory[item.getAttribute('data-nav-category')] || 0;
      var count = item.querySelector('.nav-count');
      count.textContent = filtered ? String(n) : count.getAttribute('data-total');
      item.classList.toggle('dim', n === 0);
    });
    counter.innerHTML = '<strong>' + shown + '</strong> of ' + total + ' events';
    noMatch.hidden = shown !== 0 || total === 0;
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get('q')) search.value = params.get('q');
  if (params.get('category')) {
    var wanted = params.get('category');
    Array.prototype.forEach.call(select.options, function (option) { if (option.value === wanted) select.value = wanted; });
  }

  search.addEventListener('input', apply);
  select.addEventListener('change', apply);
  document.addEventListener('keydown', function (event) {
    var tag = document.activeElement && document.activeElement.tagName;
    if (event.key === '/' && tag !== 'INPUT' && tag !== 'SELECT' && tag !== 'TEXTAREA') {
      event.preventDefault();
      search.focus();
      search.select();
    } else if (event.key === 'Escape' && document.activeElement === search) {
      search.value = '';
      apply();
    }
  });
  apply();
})();
`;
