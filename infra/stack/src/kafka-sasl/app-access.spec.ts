import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { MODERATED_EVENT_TYPES } from '@eventline/moderation-policies';
import { usageTopics } from '@eventline/usage-kpis';
import { appAccess } from './app-access';
import { appGrants } from './kafka-acls';

const catalog = loadCatalog();
const access = appAccess(catalog);
const of = (user: string) => access.find((app) => app.user === user)!;
const topicsOf = (types: readonly string[]) => [...new Set(types.map((type) => catalog.events.find((event) => event.eventType === type)!.topic))].sort();

describe("the apps' Kafka access", () => {
  it('covers the six deployables, one user each', () => {
    expect(access.map((app) => app.user).sort()).toEqual(['audit-projector', 'ingest-gateway', 'moderation-worker', 'notification-worker', 'outbox-relay', 'usage-projector']);
  });

  it('lets each consumer read only its subscription and its own group, and create only its dead-letter topic', () => {
    expect(of('usage-projector')).toEqual({ user: 'usage-projector', group: 'usage-projector', reads: usageTopics(catalog), writes: ['usage-projector.dlq'], creates: ['usage-projector.dlq'] });
    expect(of('moderation-worker').reads).toEqual(topicsOf(MODERATED_EVENT_TYPES));
    expect(of('audit-projector').reads).toEqual(catalogTopics(catalog).map((topic) => topic.topic));
    expect(of('usage-projector').reads.length).toBeLessThan(catalogTopics(catalog).length);
  });

  it('lets no app create a catalog topic', () => {
    const topics = new Set(catalogTopics(catalog).map((topic) => topic.topic));
    expect(access.flatMap((app) => app.creates).filter((topic) => topics.has(topic))).toEqual([]);
  });

  it('grants names, never a wildcard, and usage-projector exactly its group and its topics', () => {
    const grants = access.flatMap(appGrants);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.filter((grant) => grant.name.includes('*'))).toEqual([]);
    expect(grants.filter((grant) => grant.user === 'usage-projector' && grant.resource === 'group')).toEqual([
      { user: 'usage-projector', resource: 'group', name: 'usage-projector', operation: 'READ' },
    ]);
    expect(grants.filter((grant) => grant.user === 'usage-projector' && grant.operation === 'READ' && grant.resource === 'topic').map((grant) => grant.name)).toEqual(usageTopics(catalog));
  });
});
