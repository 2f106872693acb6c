import { DatabaseError } from 'pg';
import { KafkaPortError } from '@eventline/kafka-port';
import { RegistryHttpError } from '@eventline/schema-registry';
import { UndecodableMessageError } from '../errors';
import { classifyError } from './classify';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const pgError = (code: string, message = 'pg says no') => Object.assign(new DatabaseError(message, 0, 'error'), { code, severity: 'ERROR' });

describe('classifyError', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['connection reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['fetch failed because the registry refused the connection', new TypeError('fetch failed', { cause: withCode('refused', 'ECONNREFUSED') })],
    ['a multi-address connect refused everywhere', new AggregateError([withCode('refused', 'ECONNREFUSED')])],
    ['a timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })],
    ['pg connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg admin shutdown (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['pg starting up (57P03)', pgError('57P03')],
    ['pg connection failure (08006)', pgError('08006')],
    ['pg serialization failure (40001)', pgError('40001')],
    ['pg deadlock (40P01)', pgError('40P01')],
    ['pg too many connections (53300)', pgError('53300')],
    ['pg statement timeout (57014)', pgError('57014', 'canceling statement due to statement timeout')],
    ['pg lock not available (55P03)', pgError('55P03')],
    ['a pg client closed under the query', new Error('Client was closed and is not queryable')],
    ['a retriable Kafka error', new KafkaPortError('sending: leader not available', true)],
    ['a registry answering 503', new RegistryHttpError(503, '/schemas/ids/1', 'starting')],
  ])('is transient for %s', (_name, error) => {
    expect(classifyError(error)).toBe('transient');
  });

  it.each([
    ['a unique violation (23505)', pgError('23505')],
    ['a NUL in text (22021)', pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ['a value too long (22001)', pgError('22001')],
    ['an undefined column (42703)', pgError('42703')],
    ['a TypeError in a handler', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['undecodable bytes', new UndecodableMessageError('undecodable', 'not the wire format')],
    ['a non-retriable Kafka error', new KafkaPortError('sending: message too large', false)],
    ['a registry 404', new RegistryHttpError(404, '/schemas/ids/9', 'not found')],
    ['something thrown that is not an Error', 'boom'],
  ])('is permanent for %s', (_name, error) => {
    expect(classifyError(error)).toBe('permanent');
  });

  it('asks the app rules first, and falls back to its own rules when they say nothing', () => {
    class QuotaExceeded extends Error {}
    const rules = [(error: unknown) => (error instanceof QuotaExceeded ? ('transient' as const) : undefined)];
    expect(classifyError(new QuotaExceeded('slow down'), rules)).toBe('transient');
    expect(classifyError(new TypeError('bug'), rules)).toBe('permanent');
    expect(classifyError(withCode('refused', 'ECONNREFUSED'), rules)).toBe('transient');
  });
});
