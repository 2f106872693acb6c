import { catalogTopics, loadSubscriptions, type Catalog, type SubscriptionsManifest } from '@eventline/contracts';

/** What one app's Kafka user may do on the SASL_SSL listener; everything else is denied. */
export interface AppAccess {
  /** The app's service name: its Kafka client id and its SCRAM user. */
  user: string;
  /** The consumer group it joins, for consumer apps. */
  group?: string;
  /** Topics it consumes. */
  reads: string[];
  /** Topics it produces to. */
  writes: string[];
  /** Topics it may create: a consumer app creates its own dead-letter topic. */
  creates: string[];
}

/** `<group>.dlq`, as the consumer runtime names it (deadLetterTopic). */
const deadLetters = (group: string) => `${group}.dlq`;

const topicOf = (catalog: Catalog, eventType: string): string => {
  const contract = catalog.events.find((event) => event.eventType === eventType);
  if (!contract) throw new Error(`the catalog has no ${eventType}, which an app's Kafka access names`);
  return contract.topic;
};

function consumerApp(user: string, reads: string[], writes: string[] = []): AppAccess {
  const dlq = deadLetters(user);
  return { user, group: user, reads, writes: [...writes, dlq], creates: [dlq] };
}

/** The topics of an app's declared subscription, as the catalog's handlers manifest records it. */
function subscribedTopics(catalog: Catalog, subscriptions: SubscriptionsManifest, app: string): string[] {
  const declared = subscriptions.apps.find((entry) => entry.app === app);
  if (!declared) throw new Error(`schemas/subscriptions.json has no ${app}: run \`npm run subscriptions:export\``);
  const { subscription } = declared;
  if (subscription === '*') return catalogTopics(catalog).map((topic) => topic.topic);
  const types = Array.isArray(subscription) ? subscription : subscription.events;
  return [...new Set(types.map((type) => topicOf(catalog, type)))].sort();
}

/**
 * Each app's topics and group, taken from the apps' declared subscriptions (schemas/subscriptions.json,
 * exported from each app's subscription.ts): a consumer may read only the topics it subscribes to. The notification and
 * moderation workers publish only through the outbox, so only outbox-relay and ingest-gateway
 * (which publishes whatever its tenants send) write catalog topics; audit-projector writes its
 * checkpoints. No app may create a catalog topic: `npm run schemas:register` does that.
 */
export function appAccess(catalog: Catalog, subscriptions: SubscriptionsManifest = loadSubscriptions()): AppAccess[] {
  const all = catalogTopics(catalog).map((topic) => topic.topic);
  const reads = (app: string) => subscribedTopics(catalog, subscriptions, app);
  return [
    consumerApp('audit-projector', reads('audit-projector'), [topicOf(catalog, 'audit.checkpoint_written')]),
    consumerApp('usage-projector', reads('usage-projector')),
    consumerApp('notification-worker', reads('notification-worker')),
    consumerApp('moderation-worker', reads('moderation-worker')),
    { user: 'outbox-relay', reads: [], writes: all, creates: [] },
    { user: 'ingest-gateway', reads: [], writes: all, creates: [] },
  ];
}
