import { catalogTopics, type Catalog } from '@eventline/contracts';
import { MODERATED_TOPICS } from '@eventline/moderation-policies';
import { usageTopics } from '@eventline/usage-kpis';

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

/**
 * Each app's topics and group, taken from the same sources the apps use: the catalog, the usage
 * projector's usage topics, the moderation worker's moderated topics. The notification and
 * moderation workers publish only through the outbox, so only outbox-relay and ingest-gateway
 * (which publishes whatever its tenants send) write catalog topics; audit-projector writes its
 * checkpoints. No app may create a catalog topic: `npm run schemas:register` does that.
 */
export function appAccess(catalog: Catalog): AppAccess[] {
  const all = catalogTopics(catalog).map((topic) => topic.topic);
  return [
    consumerApp('audit-projector', all, [topicOf(catalog, 'audit.checkpoint_written')]),
    consumerApp('usage-projector', usageTopics(catalog)),
    consumerApp('notification-worker', all),
    consumerApp('moderation-worker', [...MODERATED_TOPICS]),
    { user: 'outbox-relay', reads: [], writes: all, creates: [] },
    { user: 'ingest-gateway', reads: [], writes: all, creates: [] },
  ];
}
