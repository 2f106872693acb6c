import { MultipleErrors, NetworkError, ProtocolError, TimeoutError, UserError } from '@platformatic/kafka';
import { KafkaPortError } from '../errors';
import { isRetriableKafkaError } from '../retriable';
import { portError } from './port-errors';
import { isRetriablePlatformaticError } from './retriable';

describe('isRetriablePlatformaticError', () => {
  it('is true for a refused connection, a moving leader and a request timeout', () => {
    expect(isRetriablePlatformaticError(new NetworkError('Connection to 127.0.0.1:9092 failed.'))).toBe(true);
    expect(isRetriablePlatformaticError(new ProtocolError('NOT_LEADER_OR_FOLLOWER'))).toBe(true);
    expect(isRetriablePlatformaticError(new TimeoutError('Request timed out'))).toBe(true);
  });

  it("judges the client's 'failed N times' by every attempt's error", () => {
    expect(isRetriablePlatformaticError(new MultipleErrors('produce failed 4 times.', [new NetworkError('refused'), new NetworkError('refused')]))).toBe(true);
    expect(isRetriablePlatformaticError(new MultipleErrors('createTopics failed.', [new ProtocolError('INVALID_REPLICATION_FACTOR')]))).toBe(false);
  });

  it('is false for refusals, a closed client and errors that are not the client’s', () => {
    expect(isRetriablePlatformaticError(new ProtocolError('TOPIC_AUTHORIZATION_FAILED'))).toBe(false);
    expect(isRetriablePlatformaticError(new UserError('Client is closed.'))).toBe(false);
    expect(isRetriablePlatformaticError(new Error('connect ECONNREFUSED'))).toBe(false);
    expect(isRetriablePlatformaticError('refused')).toBe(false);
  });

  it('is what the port reports, whichever adapter the error came from', () => {
    const wrapped = portError('sending to t', new MultipleErrors('produce failed 3 times.', [new NetworkError('refused')]));
    expect(wrapped).toBeInstanceOf(KafkaPortError);
    expect(wrapped.retriable).toBe(true);
    expect(wrapped.message).toBe('sending to t: produce failed 3 times. (last: refused)');
    expect(isRetriableKafkaError(new NetworkError('refused'))).toBe(true);
    expect(isRetriableKafkaError(new KafkaPortError('x', false))).toBe(false);
  });
});
