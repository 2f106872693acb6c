import { createKafkaPort, type IncomingMessage, type KafkaPort } from '@eventline/kafka-port';
import { EventValidationError, Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { readTopic, topicSize, uniqueName } from '@eventline/test-harness';
import { EventCategoryError, EventRegistry } from './index';

/** The objects seed 003's examples read from: an Express request, the signed-in user, a schedule. */
const req = { ip: '203.0.113.7', get: (header: string) => (header === 'user-agent' ? 'Mozilla/5.0 (seed-003 test)' : undefined) };
const newUser = () => ({ id: uniqueName('user') });
const newSchedule = () => ({ id: uniqueName('schedule'), channel_connection_id: uniqueName('channel'), attempt_count: 3 });

describe('seed 003 EventRegistry façade against the real stack', () => {
  const endpoints = loadStackEndpoints();
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  let kafka: KafkaPort;
  let publisher: Publisher;
  let tenant: string;
  let eventRegistry: EventRegistry;

  const decodedOn = async (topic: string, key: string, count = 1): Promise<Array<Record<string, unknown> & { message: IncomingMessage }>> => {
    const messages = await readTopic(kafka, topic, count, (m) => m.key === key);
    return Promise.all(messages.map(async (message) => ({ ...((await registry.decode(message.value!)) as Record<string, unknown>), message })));
  };

  beforeAll(async () => {
    kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'event-registry-facade-test' });
    publisher = new Publisher({ kafka, registry, source: 'luxaris-api' });
    await publisher.connect();
  });
  beforeEach(() => {
    tenant = uniqueName('luxaris');
    eventRegistry = new EventRegistry({ publisher, tenantId: tenant });
  });
  afterAll(() => publisher.close());

  it("records USER_LOGIN exactly as the seed's example writes it", async () => {
    const user = newUser();
    const result = await eventRegistry.record('auth', 'USER_LOGIN', {
      principal_id: user.id,
      principal_type: 'user',
      resource_type: 'user',
      resource_id: user.id,
      status: 'success',
      metadata: { auth_method: 'password' },
      ip_address: req.ip,
      user_agent: req.get('user-agent'),
    });
    expect(result).toEqual({ event_id: expect.any(String), event_type: 'USER_LOGIN', topic: 'auth.events.v1' });

    const [event] = await decodedOn('auth.events.v1', tenant);
    expect(event.message.key).toBe(tenant);
    expect(event).toMatchObject({
      event_id: result.event_id,
      event_type: 'USER_LOGIN',
      tenant_id: tenant,
      actor: { id: user.id, type: 'user' },
      entity_type: 'user',
      entity_id: user.id,
      source: 'luxaris-api',
      payload: { auth_method: 'password', status: 'success', error_message: null, ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (seed-003 test)' },
    });
  });

  it('records a failed SCHEDULE_PUBLISHED as the seed does, its metadata error_message becoming the outcome field', async () => {
    const user = newUser();
    const schedule = newSchedule();
    const error = new Error('LinkedIn API returned 503');
    await eventRegistry.recordFailure('schedule', 'SCHEDULE_PUBLISHED', error, {
      principal_id: user.id,
      resource_type: 'schedule',
      resource_id: schedule.id,
      metadata: {
        // Not in the seed's example, but required by the contract: see the next test.
        platform: 'linkedin',
        channel: schedule.channel_connection_id,
        attempt: schedule.attempt_count,
        error_message: error.message,
      },
    });

    const [event] = await decodedOn('schedules.events.v1', tenant);
    expect(event.message.key).toBe(tenant);
    expect(event).toMatchObject({
      event_type: 'SCHEDULE_PUBLISHED',
      tenant_id: tenant,
      actor: { id: user.id, type: 'user' },
      entity_type: 'schedule',
      entity_id: schedule.id,
      payload: {
        platform: 'linkedin',
        platform_post_id: null,
        published_at: null,
        channel: schedule.channel_connection_id,
        attempt: 3,
        status: 'failed',
        error_message: 'LinkedIn API returned 503',
        ip_address: null,
        user_agent: null,
      },
    });
  });

  // The seed's recordFailure example names no platform, and SCHEDULE_PUBLISHED v1 requires one.
  // Pinned here so the gap stays visible: when the contract changes, this test must change with it.
  it("refuses the seed's SCHEDULE_PUBLISHED failure example verbatim: the contract requires platform", async () => {
    const user = newUser();
    const schedule = newSchedule();
    const error = new Error('LinkedIn API returned 503');
    const before = await topicSize(kafka, 'schedules.events.v1');
    const refused = await eventRegistry
      .recordFailure('schedule', 'SCHEDULE_PUBLISHED', error, {
        principal_id: user.id,
        resource_type: 'schedule',
        resource_id: schedule.id,
        metadata: { channel: schedule.channel_connection_id, attempt: schedule.attempt_count, error_message: error.message },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EventValidationError);
    expect((refused as EventValidationError).problems).toEqual([{ path: 'payload.platform', reason: expect.stringMatching(/is required/) }]);
    expect(await topicSize(kafka, 'schedules.events.v1')).toBe(before);
  });

  it("translates the seed's POST_CREATED metadata key status to the contract's post_status", async () => {
    const user = newUser();
    const postId = uniqueName('post');
    await eventRegistry.record('post', 'POST_CREATED', {
      principal_id: user.id,
      principal_type: 'user',
      resource_type: 'post',
      resource_id: postId,
      metadata: { title: 'Launch day', tags: ['launch'], status: 'draft' },
    });
    const [event] = await decodedOn('posts.events.v1', tenant);
    expect(event).toMatchObject({ entity_id: postId, payload: { title: 'Launch day', tags: ['launch'], post_status: 'draft', status: 'success' } });
  });

  it('works statically once configured, as the seed calls it; a per-call tenant_id wins, and no principal means the system', async () => {
    EventRegistry.configure({ publisher, tenantId: tenant });
    const otherTenant = uniqueName('other');
    const user = newUser();
    await EventRegistry.record('auth', 'TOKEN_REFRESHED', {
      resource_type: 'user',
      resource_id: user.id,
      metadata: { old_token_exp: new Date('2026-01-01T00:00:00Z') },
      tenant_id: otherTenant,
    });
    const [event] = await decodedOn('auth.events.v1', otherTenant);
    expect(event).toMatchObject({
      tenant_id: otherTenant,
      actor: { id: 'system', type: 'system' },
      payload: { old_token_exp: Date.parse('2026-01-01T00:00:00Z'), status: 'success' },
    });
  });

  describe('refusals: an error naming the problem, and nothing published', () => {
    let publishUntyped: jest.SpyInstance;
    beforeEach(() => (publishUntyped = jest.spyOn(publisher, 'publishUntyped')));
    afterEach(() => publishUntyped.mockRestore());

    const login = { principal_id: 'u-1', principal_type: 'user' as const, resource_type: 'user', resource_id: 'u-1', metadata: { auth_method: 'password' } };

    it("a category that is not the event's", async () => {
      const refused = eventRegistry.record('post', 'USER_LOGIN', login);
      await expect(refused).rejects.toThrow(EventCategoryError);
      await expect(refused).rejects.toThrow('"USER_LOGIN" belongs to category "auth", not "post"');
      expect(publishUntyped).not.toHaveBeenCalled();
    });

    it('an event name the catalog does not hold', async () => {
      await expect(eventRegistry.record('auth', 'USER_TELEPORTED', login)).rejects.toThrow('unknown event "USER_TELEPORTED" (category "auth")');
      expect(publishUntyped).not.toHaveBeenCalled();
    });

    it('an event of another seed', async () => {
      await expect(eventRegistry.record('Tickets', 'TICKET_ASSIGNED', login)).rejects.toThrow(/"TICKET_ASSIGNED" \(category "Tickets"\) is a Tickets event of seed 001/);
      expect(publishUntyped).not.toHaveBeenCalled();
    });

    it('metadata that breaks the contract: the EventValidationError reaches the caller', async () => {
      const refused = await eventRegistry.record('auth', 'USER_LOGIN', { ...login, metadata: { auth_method: 42 } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(EventValidationError);
      expect((refused as EventValidationError).problems).toEqual([{ path: 'payload.auth_method', reason: expect.stringMatching(/expected string/) }]);
    });

    it('the static form before configure()', async () => {
      let fresh: typeof EventRegistry | undefined;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules hands out a fresh module only through require
      jest.isolateModules(() => void (fresh = (require('./event-registry') as typeof import('./event-registry')).EventRegistry));
      await expect(fresh!.record('auth', 'USER_LOGIN', login)).rejects.toThrow(/call EventRegistry.configure\(\{ publisher, tenantId \}\)/);
    });
  });
});
