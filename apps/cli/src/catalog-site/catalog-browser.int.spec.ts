import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { eventline } from '../testing/run-cli';

// Debian's Chromium, not a downloaded one: the same browser `catalog build --screenshot` uses.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = join(findWorkspaceRoot(), '.local', 'catalog-playwright.png');

/** The page as built by the real CLI (versions from the registry), opened in a real browser. */
describe('the HTML catalog in Chromium', () => {
  jest.setTimeout(60_000);

  let workDir: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'eventline-catalog-browser-'));
    const built = await eventline('catalog', 'build', '--out', join(workDir, 'site'));
    expect(built).toMatchObject({ code: 0, stdout: expect.stringMatching(/catalog: \d+ event types written/) });
    context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1800 },
    });
    page = await context.newPage();
    await page.goto(pathToFileURL(join(workDir, 'site', 'index.html')).href);
  });

  afterAll(async () => {
    await context?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('groups the events by category, every card under its own category heading', async () => {
    const sections = await page.locator('section.category').evaluateAll((nodes) =>
      nodes.map((section) => ({
        category: section.getAttribute('data-category'),
        heading: section.querySelector('.category-heading span')?.textContent,
        cards: Array.from(section.querySelectorAll('article.event'), (card: { getAttribute(name: string): string | null }) => card.getAttribute('data-category')),
      })),
    );
    expect(sections.length).toBeGreaterThanOrEqual(20);
    expect(new Set(sections.map((s) => s.category)).size).toBe(sections.length);
    for (const section of sections) {
      expect(section.heading).toBe(section.category);
      expect(section.cards.length).toBeGreaterThan(0);
      expect(section.cards.filter((category) => category !== section.category)).toEqual([]);
    }
    await expect(page.locator('section[data-category="Tickets"] article#TICKET_ASSIGNED').count()).resolves.toBe(1);
  });

  it('narrows the list as one types in the search box, and widens it again when cleared', async () => {
    const before = await visibleCards(page);
    expect(before).toBeGreaterThanOrEqual(250);
    await expect(counterText(page)).resolves.toBe(`${before} of ${before} events`);

    await page.locator('#search').pressSequentially('ticket_assigned');
    const after = await visibleCards(page);
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after).toBeLessThan(5);
    await expect(page.locator('article#TICKET_ASSIGNED').isVisible()).resolves.toBe(true);
    await expect(counterText(page)).resolves.toBe(`${after} of ${before} events`);

    await page.locator('#search').fill('no-event-is-called-this');
    await expect(visibleCards(page)).resolves.toBe(0);
    await expect(page.locator('#no-match').isVisible()).resolves.toBe(true);

    await page.locator('#search').fill('');
    await expect(visibleCards(page)).resolves.toBe(before);
  });

  it('shows only the chosen category once one is picked in the filter', async () => {
    const billingTotal = Number(await page.locator('section[data-category="Billing"] .category-count').getAttribute('data-total'));
    expect(billingTotal).toBeGreaterThan(0);
    await page.locator('#category').selectOption('Billing');
    const shown = await page.locator('article.event:visible').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-category')));
    expect(shown).toHaveLength(billingTotal);
    expect(new Set(shown)).toEqual(new Set(['Billing']));
    await expect(page.locator('section.category:visible').count()).resolves.toBe(1);
    await page.locator('#category').selectOption('');
  });

  it("shows an event card's metadata, fields, PII marks and handlers", async () => {
    const card = page.locator('article#dm\\.message\\.created');
    await expect(card.locator('.event-type').textContent()).resolves.toBe('dm.message.created');
    const meta = await card.locator('.event-meta').innerText();
    expect(meta).toContain('messaging.events.v1');
    expect(meta.replace(/\s+/g, '')).toContain('messaging.events.v1-dev.eventline.messaging.DmMessageCreated');
    expect(meta).toMatch(/v\d+/);
    const body = card.locator('table.fields tbody tr', { has: page.locator('td.field-path', { hasText: /^body$/ }) });
    await expect(body.locator('.badge-pii').textContent()).resolves.toBe('PII');
    const threadId = card.locator('table.fields tbody tr', { has: page.locator('td.field-path', { hasText: /^thread_id$/ }) });
    await expect(threadId.locator('.badge-pii').count()).resolves.toBe(0);
    await expect(card.locator('.badge-pii-summary').textContent()).resolves.toMatch(/^\d+ PII fields?$/);
    const handlers = await card
      .locator('table.handlers tbody tr')
      .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell: { textContent: string | null }) => cell.textContent)));
    expect(handlers).toEqual([
      ['audit-projector', 'audit-projector', expect.stringMatching(/^\w+\.\w+$/)],
      ['moderation-worker', 'moderation-worker', expect.stringMatching(/^\w+\.\w+$/)],
      ['notification-worker', 'notification-worker', expect.stringMatching(/^\w+\.\w+$/)],
    ]);
    await expect(card.locator('table.handlers caption').innerText()).resolves.toMatch(/handled by/i);
  });

  it('finds the events an app handles when one searches for the app', async () => {
    await page.locator('#search').fill('moderation-worker');
    const shown = await page
      .locator('article.event:visible')
      .evaluateAll((cards) => cards.map((card) => Array.from(card.querySelectorAll('td.handler-app'), (cell: { textContent: string | null }) => cell.textContent)));
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.filter((apps) => !apps.includes('moderation-worker'))).toEqual([]);
    await page.locator('#search').fill('');
  });

  it('renders legibly: a screenshot of the page filtered to one category and a search', async () => {
    await page.locator('#category').selectOption('Tickets');
    await page.locator('#search').fill('assigned');
    mkdirSync(join(findWorkspaceRoot(), '.local'), { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT });
    expect(png.length).toBeGreaterThan(50_000);
  });
});

const visibleCards = (page: Page) => page.locator('article.event:visible').count();

const counterText = async (page: Page) => (await page.locator('#counter').innerText()).trim();
