import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSchemasDir, handlersOf, loadCatalog, loadSubscriptions, SUBSCRIPTIONS_FILE } from '@eventline/contracts';
import { exportSubscriptions } from './export-subscriptions';

const workspaceRoot = join(__dirname, '..', '..', '..');
const catalog = loadCatalog();

describe("schemas/subscriptions.json (the catalog's handlers)", () => {
  it('is what the consumer apps declare: rerun `npm run subscriptions:export` when this fails', () => {
    const committed = JSON.parse(readFileSync(join(defaultSchemasDir(), SUBSCRIPTIONS_FILE), 'utf8')) as unknown;
    expect(committed).toEqual(exportSubscriptions(workspaceRoot, catalog));
  });

  it('names the audit projector and the notification worker, and nothing else, for TICKET_ASSIGNED', () => {
    expect(handlersOf(loadSubscriptions(), 'TICKET_ASSIGNED')).toEqual([
      { app: 'audit-projector', group: 'audit-projector', handler: 'AuditHandler.project' },
      { app: 'notification-worker', group: 'notification-worker', handler: 'NotificationHandler.notify' },
    ]);
  });

  it("lists every handled type inside its app's subscription, and only catalog types", () => {
    const known = new Set(catalog.events.map((event) => event.eventType));
    for (const app of loadSubscriptions().apps) {
      const subscribed = app.subscription === '*' ? '*' : Array.isArray(app.subscription) ? app.subscription : app.subscription.events;
      for (const { handler, events } of app.handlers) {
        if (events === '*') {
          expect({ handler, subscribed }).toEqual({ handler, subscribed: '*' });
          continue;
        }
        expect({ handler, unknown: events.filter((type) => !known.has(type)) }).toEqual({ handler, unknown: [] });
        if (subscribed !== '*') expect({ handler, outside: events.filter((type) => !subscribed.includes(type)) }).toEqual({ handler, outside: [] });
      }
    }
  });
});
