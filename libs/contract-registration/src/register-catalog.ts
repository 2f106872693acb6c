import { catalogTopics, type Catalog, type EventContract } from '@eventline/contracts';
import { topicDurability, type AdminPort } from '@eventline/kafka-port';
import { RegistryHttpError, type CompatibilityLevel, type SchemaRegistryClient } from '@eventline/schema-registry';
import pMap from 'p-map';
import type { RetentionChange } from './retention/plan-retention';
import { applyRetention, planTopicRetention } from './retention/reconcile-retention';

export const EVENT_COMPATIBILITY: CompatibilityLevel = 'FULL_TRANSITIVE';

export type SubjectOutcome = { subject: string; eventType: string; status: 'registered' | 'unchanged'; id: number } | { subject: string; eventType: string; status: 'rejected'; error: string };

export interface RegistrationReport {
  topicsCreated: string[];
  /** Existing topics whose retention.ms was brought to their domain's tier. */
  retentionChanged: RetentionChange[];
  subjects: SubjectOutcome[];
}

export interface RegistrationOptions {
  /** Lets reconcile shorten a topic's retention, which deletes its older events for good; refused without. */
  allowShorterRetention?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Puts the catalog into the registry and Kafka, idempotently: creates missing topics (as many
 * copies as the cluster's broker count allows, see topicDurability; existing topics keep theirs)
 * with their domain's retention tier, brings existing topics to that tier (a shortening is
 * refused, before anything changes, unless allowed; see planTopicRetention), registers each contract under its TopicRecordNameStrategy subject, and pins the subject to FULL_TRANSITIVE.
 * A contract the registry refuses is reported, never skipped silently.
 */
export async function registerCatalog(catalog: Catalog, registry: SchemaRegistryClient, admin: AdminPort, options: RegistrationOptions = {}): Promise<RegistrationReport> {
  const { replicationFactor, config } = topicDurability((await admin.describeCluster()).brokers);
  const topics = catalogTopics(catalog);
  const retentionChanged = await planTopicRetention(
    admin,
    topics.map((t) => ({ topic: t.topic, tier: t.tier, retentionMs: t.config['retention.ms'] })),
    options.allowShorterRetention,
  );
  const topicsCreated = await admin.ensureTopics(topics.map((t) => ({ topic: t.topic, partitions: t.partitions, replicationFactor, config: { ...config, ...t.config } })));
  await applyRetention(admin, retentionChanged);
  let done = 0;
  const subjects = await pMap(
    catalog.events,
    async (event) => {
      const outcome = await registerEvent(event, registry);
      options.onProgress?.(++done, catalog.events.length);
      return outcome;
    },
    { concurrency: 8 },
  );
  return { topicsCreated, retentionChanged, subjects };
}

async function registerEvent(event: EventContract, registry: SchemaRegistryClient): Promise<SubjectOutcome> {
  const { subject, eventType } = event;
  try {
    // The common case on every start is a contract already there: one lookup instead of a registration round.
    const existing = await registeredId(registry, subject, event.schema);
    const id = existing ?? (await registry.register(subject, event.schema));
    if ((await registry.getCompatibility(subject)) !== EVENT_COMPATIBILITY) {
      await registry.setCompatibility(subject, EVENT_COMPATIBILITY);
    }
    return { subject, eventType, status: existing === undefined ? 'registered' : 'unchanged', id };
  } catch (error) {
    return { subject, eventType, status: 'rejected', error: (error as Error).message };
  }
}

async function registeredId(registry: SchemaRegistryClient, subject: string, schema: EventContract['schema']): Promise<number | undefined> {
  try {
    return (await registry.lookup(subject, schema)).id;
  } catch (error) {
    if (error instanceof RegistryHttpError && error.status === 404) return undefined;
    throw error;
  }
}
