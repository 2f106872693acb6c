import { createKafkaPort, type AdminPort } from '@eventline/kafka-port';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { deadLetterRetentionMs, ensureDeadLetterTopic } from './dead-letter-topic';

describe('dead-letter topic retention', () => {
  it('is 30 days unless EVENTLINE_DEAD_LETTER_RETENTION_MS says otherwise, and refuses what is not a retention.ms', () => {
    expect(deadLetterRetentionMs({})).toBe('2592000000');
    expect(deadLetterRetentionMs({ EVENTLINE_DEAD_LETTER_RETENTION_MS: '-1' })).toBe('-1');
    expect(deadLetterRetentionMs({ EVENTLINE_DEAD_LETTER_RETENTION_MS: ' 86400000 ' })).toBe('86400000');
    expect(() => deadLetterRetentionMs({ EVENTLINE_DEAD_LETTER_RETENTION_MS: '30d' })).toThrow(/EVENTLINE_DEAD_LETTER_RETENTION_MS="30d" is not a retention.ms/);
  });

  describe('on the real broker', () => {
    const groups = [uniqueName('dlq-retention-default'), uniqueName('dlq-retention-configured')];
    let admin: AdminPort;

    beforeAll(async () => {
      admin = createKafkaPort({ brokers: loadStackEndpoints().kafkaBrokers, clientId: 'dlq-retention-test' }).admin();
      await admin.connect();
    });
    afterAll(async () => {
      await admin.deleteTopics(groups.map((group) => `${group}.dlq`));
      await admin.disconnect();
    });

    it('creates the topic with the default retention, or the configured one', async () => {
      await ensureDeadLetterTopic(admin, groups[0], []);
      await ensureDeadLetterTopic(admin, groups[1], [], '-1');
      const retention = await Promise.all(groups.map(async (group) => (await admin.topicConfig(`${group}.dlq`))['retention.ms']));
      expect(retention).toEqual(['2592000000', '-1']);
    });
  });
});
