import { RegistryHttpError } from '@eventline/schema-registry';
import { isRetriableStartupError, NotReadyYet } from './retriable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isRetriableStartupError', () => {
  it('waits for a server that refuses connections, directly or behind fetch', () => {
    expect(isRetriableStartupError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isRetriableStartupError(new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }))).toBe(true);
    expect(isRetriableStartupError(new AggregateError([withCode('refused', 'ECONNREFUSED')]))).toBe(true);
  });

  it('waits for PostgreSQL while it starts up, and for a registry answering 503', () => {
    expect(isRetriableStartupError(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isRetriableStartupError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetriableStartupError(new RegistryHttpError(503, '/subjects', 'starting'))).toBe(true);
    expect(isRetriableStartupError(new NotReadyYet('not created yet: a.events.v1'))).toBe(true);
  });

  it('does not wait on bad configuration: a wrong password, a missing database, a wrong registry path', () => {
    expect(isRetriableStartupError(withCode('password authentication failed for user "x"', '28P01'))).toBe(false);
    expect(isRetriableStartupError(withCode('database "nope" does not exist', '3D000'))).toBe(false);
    expect(isRetriableStartupError(new RegistryHttpError(404, '/subjects', 'not found'))).toBe(false);
    expect(isRetriableStartupError(new Error('OUTBOX_RELAY_PORT must be a port number'))).toBe(false);
  });
});
