import type { CatalogEntry } from './catalog-entry';
import { escapeHtml, formatVersions, renderCatalogHtml } from './render-catalog-html';

function entry(overrides: Partial<CatalogEntry> & Pick<CatalogEntry, 'eventType' | 'category'>): CatalogEntry {
  return {
    title: overrides.eventType,
    domain: 'tickets',
    owner: 'Workflow platform',
    topic: 'tickets.events.v1',
    file: `schemas/tickets/${overrides.eventType}.avsc`,
    subject: `tickets.events.v1-dev.eventline.tickets.${overrides.eventType}`,
    entityType: 'ticket',
    seed: '001',
    doc: '',
    fields: [],
    versions: [],
    handlers: [],
    ...overrides,
  };
}

const generatedAt = new Date('2025-03-04T09:15:00Z');

const entries: CatalogEntry[] = [
  entry({
    eventType: 'TICKET_ASSIGNED',
    title: 'Ticket Assigned',
    category: 'Tickets',
    doc: 'A ticket got an assignee.',
    versions: [2, 1],
    handlers: [
      { app: 'audit-projector', group: 'audit-projector', handler: 'AuditHandler.handle' },
      { app: 'notification-worker', group: 'notification-worker', handler: 'NotificationHandler.<handle>' },
    ],
    fields: [
      { path: 'ticketId', type: 'string', doc: 'The ticket.', pii: false, optional: false },
      { path: 'assigneeEmail', type: 'string?', doc: 'Who got it.', pii: true, optional: true },
    ],
  }),
  entry({ eventType: 'TICKET_CLOSED', title: 'Ticket Closed', category: 'Tickets' }),
  entry({
    eventType: 'INVOICE_PAID',
    title: 'Invoice Paid',
    category: 'Billing',
    domain: 'billing',
    topic: 'billing.events.v1',
    doc: 'Paid <script>alert("x")</script> & done',
    fields: [{ path: 'items[].amount', type: 'string', doc: 'Amount "as text" < 1e9', pii: false, optional: false }],
  }),
  entry({ eventType: 'auth.login_succeeded', title: 'Login Succeeded', category: 'auth', domain: 'auth', topic: 'auth.events.v1' }),
];

/** The HTML of the <article> for one event type. */
function card(html: string, eventType: string): string {
  const start = html.indexOf(`<article class="event" id="${eventType}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</article>', start));
}

function groupHeadings(html: string): Array<{ category: string; count: string }> {
  return [...html.matchAll(/<h2 class="category-heading"><span>([^<]*)<\/span> <span class="category-count"[^>]*>([^<]*)<\/span>/g)].map(([, category, count]) => ({
    category: category ?? '',
    count: count ?? '',
  }));
}

describe('renderCatalogHtml', () => {
  const html = renderCatalogHtml(entries, generatedAt);

  it('renders one self-contained page with title, counts and generation time', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>Eventline event catalog</title>');
    expect(html).toContain('<h1>Eventline event catalog</h1>');
    expect(html).toContain('<dd>4</dd><dt>event types</dt>');
    expect(html).toContain('<dd>3</dd><dt>categories</dt>');
    expect(html).toContain('<dd>3</dd><dt>topics</dt>');
    expect(html).toContain('datetime="2025-03-04T09:15:00.000Z"');
    expect(html).toContain('2025-03-04 09:15 UTC');
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toMatch(/<script>[\s\S]+<\/script>/);
  });

  it('groups events by category, sorted case-insensitively, with counts', () => {
    expect(groupHeadings(html)).toEqual([
      { category: 'auth', count: '1 event' },
      { category: 'Billing', count: '1 event' },
      { category: 'Tickets', count: '2 events' },
    ]);
    const tickets = html.slice(html.indexOf('data-category="Tickets">'));
    expect(tickets.indexOf('id="TICKET_ASSIGNED"')).toBeLessThan(tickets.indexOf('id="TICKET_CLOSED"'));
    expect(html).toContain('<option value="Tickets">Tickets (2)</option>');
  });

  it('gives every event an anchor id and a self link', () => {
    for (const { eventType } of entries) {
      expect(html).toContain(`id="${eventType}"`);
      expect(html).toContain(`href="#${eventType}"`);
    }
  });

  it('shows the metadata of each event', () => {
    const assigned = card(html, 'TICKET_ASSIGNED');
    expect(assigned).toContain('Ticket Assigned');
    expect(assigned).toContain('A ticket got an assignee.');
    expect(assigned).toContain('<dd>tickets<span class="owner" title="Publisher: the domain\'s owner">Workflow platform</span></dd>');
    expect(assigned).toContain('<dd>ticket</dd>');
    expect(assigned).toContain('tickets.events.v1');
    expect(assigned.replace(/<wbr>/g, '')).toContain('tickets.events.v1-dev.eventline.tickets.TICKET_ASSIGNED');
    expect(assigned.replace(/<wbr>/g, '')).toContain('<dt>Contract</dt><dd class="mono">schemas/tickets/TICKET_ASSIGNED.avsc</dd>');
  });

  it('lists the platform handlers of each event (app, group, handler), or says there is none', () => {
    const handlers = card(html, 'TICKET_ASSIGNED').match(/<table class="handlers">[\s\S]*?<\/table>/)?.[0] ?? '';
    const rows = [...handlers.matchAll(/<tr><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td><td[^>]*><code>([^<]*)<\/code><\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['audit-projector', 'audit-projector', 'AuditHandler.handle'],
      ['notification-worker', 'notification-worker', 'NotificationHandler.&lt;handle&gt;'],
    ]);
    expect(card(html, 'TICKET_CLOSED')).toContain('No platform handler in the handlers manifest.');
    expect(card(html, 'TICKET_CLOSED')).not.toContain('class="handlers"');
    // Searching for an app finds the events it handles.
    expect(card(html, 'TICKET_ASSIGNED')).toMatch(/data-search="[^"]* notification-worker notificationhandler\.&lt;handle&gt;"/);
  });

  it('escapes HTML in docs, field docs and attributes', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Paid &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; done');
    expect(html).toContain('Amount &quot;as text&quot; &lt; 1e9');
    // The search index attribute is escaped too.
    expect(card(html, 'INVOICE_PAID')).toContain('data-search="invoice_paid invoice paid billing billing.events.v1 paid &lt;script&gt;');
    // Exactly one script element: the page's own.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('escapes category names used in attributes and headings', () => {
    const page = renderCatalogHtml([entry({ eventType: 'FOLDER_SHARED', category: 'Folder & Chat "events"' })], generatedAt);
    expect(page).toContain('data-category="Folder &amp; Chat &quot;events&quot;"');
    expect(page).toContain('<span>Folder &amp; Chat &quot;events&quot;</span>');
    expect(page).toContain('id="category-folder-chat-events"');
  });

  it('marks PII fields with a badge and optional fields with a mark', () => {
    const assigned = card(html, 'TICKET_ASSIGNED');
    const fieldsTable = assigned.slice(assigned.indexOf('<table class="fields">'));
    const rows = fieldsTable.split('<tr').slice(2); // drop the text before the table and the header row
    const [ticketId, assigneeEmail] = rows;
    expect(ticketId).toContain('ticketId');
    expect(ticketId).not.toContain('badge-pii');
    expect(ticketId).not.toContain('optional');
    expect(assigneeEmail).toContain('assigneeEmail');
    expect(assigneeEmail).toContain('class="pii"');
    expect(assigneeEmail).toMatch(/<span class="badge badge-pii"[^>]*>PII<\/span>/);
    expect(assigneeEmail).toContain('<code>string</code> <span class="tag tag-optional">optional</span>');
    expect(assigned).toContain('1 PII field');
    expect(card(html, 'INVOICE_PAID')).not.toContain('PII');
  });

  it('lists registered versions, or says none are registered yet', () => {
    expect(card(html, 'TICKET_ASSIGNED')).toContain('>v1, v2</span>');
    expect(card(html, 'TICKET_CLOSED')).toContain('>not registered yet</span>');
    expect(formatVersions([])).toBe('not registered yet');
    expect(formatVersions([3, 1, 2, 1])).toBe('v1, v2, v3');
  });

  it('includes the search box, category filter and live counter', () => {
    expect(html).toMatch(/<input id="search"[^>]*type="search"/);
    expect(html).toContain('<select id="category"');
    expect(html).toContain('<option value="">All categories (3)</option>');
    expect(html).toMatch(/<output id="counter"[^>]*><strong>4<\/strong> of 4 events<\/output>/);
    // ?q= pre-fills the search box.
    expect(html).toContain("params.get('q')");
  });

  it('loads nothing from the network', () => {
    const urls = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map(([, url]) => url ?? '');
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => /^(https?:)?\/\//i.test(url))).toEqual([]);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('renders an empty catalog without failing', () => {
    const page = renderCatalogHtml([], generatedAt);
    expect(page).toContain('The catalog holds no event types yet.');
    expect(page).toContain('<strong>0</strong> of 0 events');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});
