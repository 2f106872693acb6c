import { catalogTopics } from './topics';
import { loadCatalog } from './load-catalog';
import { topicPrefixFrom } from './topic-prefix';

describe('EVENTLINE_TOPIC_PREFIX', () => {
  const plain = loadCatalog(undefined, { topicPrefix: '' });
  const prefixed = loadCatalog(undefined, { topicPrefix: 'bench.r1.' });

  it('puts the prefix before every event and domain topic', () => {
    expect(prefixed.events.every((event) => event.topic.startsWith('bench.r1.'))).toBe(true);
    expect(catalogTopics(prefixed).map((t) => t.topic)).toEqual(catalogTopics(plain).map((t) => `bench.r1.${t.topic}`));
  });

  it("keeps each contract's subject, so schema ids and encoded bytes are the platform's", () => {
    expect(prefixed.events.map((event) => event.subject)).toEqual(plain.events.map((event) => event.subject));
    expect(prefixed.events.find((event) => event.eventType === 'TICKET_ASSIGNED')?.subject).toBe('tickets.events.v1-dev.eventline.tickets.TicketAssigned');
  });

  it('keeps partition counts and schemas as they are', () => {
    expect(catalogTopics(prefixed).map((t) => t.partitions)).toEqual(catalogTopics(plain).map((t) => t.partitions));
    expect(prefixed.events.map((event) => event.schema)).toEqual(plain.events.map((event) => event.schema));
  });

  it('is read from the environment, and unset means no prefix', () => {
    expect(topicPrefixFrom({ EVENTLINE_TOPIC_PREFIX: 'bench.abc.' })).toBe('bench.abc.');
    expect(topicPrefixFrom({})).toBe('');
  });

  it('refuses a prefix a Kafka topic name cannot hold, naming the variable', () => {
    expect(() => topicPrefixFrom({ EVENTLINE_TOPIC_PREFIX: 'bench/run 1' })).toThrow(/EVENTLINE_TOPIC_PREFIX="bench\/run 1" has characters/);
  });
});
