import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isRetriableKafkajsError } from './retriable';

describe('isRetriableKafkajsError', () => {
  it('is true for a partition not hosted yet and a broker that refuses connections', () => {
    const notHosted = new KafkaJSProtocolError({ message: 'This server does not host this topic-partition', type: 'UNKNOWN_TOPIC_OR_PARTITION', code: 3, retriable: true } as never);
    expect(isRetriableKafkajsError(notHosted)).toBe(true);
    expect(isRetriableKafkajsError(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'))).toBe(true);
  });

  it("looks through kafkajs' 'number of retries exceeded' at the error that caused it", () => {
    expect(isRetriableKafkajsError(new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 100 }))).toBe(true);
    expect(isRetriableKafkajsError(new KafkaJSNumberOfRetriesExceeded(new KafkaJSNonRetriableError('SASL authentication failed'), { retryCount: 0, retryTime: 0 }))).toBe(false);
  });

  it('is false for non-retriable and non-Kafka errors', () => {
    expect(isRetriableKafkajsError(new KafkaJSNonRetriableError('SASL authentication failed'))).toBe(false);
    expect(isRetriableKafkajsError(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isRetriableKafkajsError('refused')).toBe(false);
  });
});
