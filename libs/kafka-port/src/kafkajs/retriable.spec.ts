import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isRetriableKafkaError } from './retriable';

describe('isRetriableKafkaError', () => {
  it('is true for a partition not hosted yet and a broker that refuses connections', () => {
    const notHosted = new KafkaJSProtocolError({ message: 'This server does not host this topic-partition', type: 'UNKNOWN_TOPIC_OR_PARTITION', code: 3, retriable: true } as never);
    expect(isRetriableKafkaError(notHosted)).toBe(true);
    expect(isRetriableKafkaError(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'))).toBe(true);
  });

  it("looks through kafkajs' 'number of retries exceeded' at the error that caused it", () => {
    expect(isRetriableKafkaError(new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 100 }))).toBe(true);
    expect(isRetriableKafkaError(new KafkaJSNumberOfRetriesExceeded(new KafkaJSNonRetriableError('SASL authentication failed'), { retryCount: 0, retryTime: 0 }))).toBe(false);
  });

  it('is false for non-retriable and non-Kafka errors', () => {
    expect(isRetriableKafkaError(new KafkaJSNonRetriableError('SASL authentication failed'))).toBe(false);
    expect(isRetriableKafkaError(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isRetriableKafkaError('refused')).toBe(false);
  });
});
