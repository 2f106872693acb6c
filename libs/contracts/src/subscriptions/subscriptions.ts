import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSchemasDir } from '../catalog/load-catalog';

export const ALL_EVENT_TYPES = '*';

/** What a declaration covers: every event, a list of types, or a named predicate over the catalog (resolved to its types). */
export type SubscribedEvents = typeof ALL_EVENT_TYPES | string[] | { predicate: string; events: string[] };

export interface HandlerEntry {
  /** `<Class>.<method>` of the handler. */
  handler: string;
  events: typeof ALL_EVENT_TYPES | string[];
}

export interface AppSubscription {
  app: string;
  group: string;
  subscription: SubscribedEvents;
  handlers: HandlerEntry[];
}

/** The platform's consumers, exported from the apps' declared subscriptions by `npm run subscriptions:export`. */
export interface SubscriptionsManifest {
  apps: AppSubscription[];
}

export interface EventHandlerRef {
  app: string;
  group: string;
  handler: string;
}

export const SUBSCRIPTIONS_FILE = 'subscriptions.json';

/** The manifest beside the catalog's contracts; an empty one where a catalog ships without it. */
export function loadSubscriptions(schemasDir: string = defaultSchemasDir()): SubscriptionsManifest {
  const file = join(schemasDir, SUBSCRIPTIONS_FILE);
  if (!existsSync(file)) return { apps: [] };
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SubscriptionsManifest;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}); regenerate it with \`npm run subscriptions:export\``, { cause: error });
  }
}

export const coversEvent = (events: HandlerEntry['events'], eventType: string): boolean => events === ALL_EVENT_TYPES || events.includes(eventType);

/** Every platform handler of `eventType`, in manifest order. */
export function handlersOf(manifest: SubscriptionsManifest, eventType: string): EventHandlerRef[] {
  return manifest.apps.flatMap(({ app, group, handlers }) => handlers.filter((entry) => coversEvent(entry.events, eventType)).map(({ handler }) => ({ app, group, handler })));
}
