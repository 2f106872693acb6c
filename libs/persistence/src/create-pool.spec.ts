import { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import { createClient, createPool, DEFAULT_CONNECTION_TIMEOUT_MS, type PoolLogger } from './create-pool';

// Nothing here connects: the pool is only built and its events are emitted by hand.
describe('createPool', () => {
  const pools: Pool[] = [];
  const make = (extra: Partial<Parameters<typeof createPool>[0]> = {}) => {
    const warnings: Array<{ details: object; message: string }> = [];
    const logger: PoolLogger = { warn: (details, message) => warnings.push({ details, message }) };
    const pool = createPool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', applicationName: 'unit-test', logger, ...extra });
    pools.push(pool);
    return { pool, warnings };
  };
  afterAll(async () => Promise.all(pools.map((pool) => pool.end())));

  it('names the application, bounds the wait for a connection and keeps sockets alive', () => {
    const { pool } = make({ max: 3 });
    expect(pool.options).toMatchObject({ application_name: 'unit-test', max: 3, connectionTimeoutMillis: DEFAULT_CONNECTION_TIMEOUT_MS, keepAlive: true });
    expect(DEFAULT_CONNECTION_TIMEOUT_MS).toBe(5_000);
  });

  it('takes another connection timeout and defaults to ten connections', () => {
    const { pool } = make({ connectionTimeoutMillis: 250 });
    expect(pool.options).toMatchObject({ max: 10, connectionTimeoutMillis: 250 });
  });

  it('logs a broken idle connection instead of letting the error event end the process', () => {
    const { pool, warnings } = make();
    const error = new Error('terminating connection due to administrator command');
    expect(pool.listenerCount('error')).toBe(1);
    expect(() => pool.emit('error', error, {} as PoolClient)).not.toThrow();
    expect(warnings).toEqual([{ details: { err: error, applicationName: 'unit-test' }, message: expect.stringContaining('idle database connection failed') }]);
  });

  it('listens on every client it opens, so a checked-out connection that breaks is logged too', async () => {
    const { pool, warnings } = make();
    const client = new EventEmitter() as unknown as PoolClient;
    pool.emit('connect', client);
    const error = new Error('Connection terminated unexpectedly');
    expect(() => client.emit('error', error)).not.toThrow();
    await Promise.resolve();
    expect(warnings).toEqual([{ details: { err: error, applicationName: 'unit-test' }, message: expect.stringContaining('in use failed') }]);
  });

  it('logs an error once when both the client and the pool report it', async () => {
    const { pool, warnings } = make();
    const client = new EventEmitter() as unknown as PoolClient;
    pool.emit('connect', client);
    const error = new Error('terminating connection due to administrator command');
    client.emit('error', error);
    pool.emit('error', error, client);
    await Promise.resolve();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('idle');
  });

  it('writes one line to stderr without a logger', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const pool = createPool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', applicationName: 'cli' });
      pools.push(pool);
      pool.emit('error', new Error('terminating connection due to administrator command'), {} as PoolClient);
      expect(write).toHaveBeenCalledWith('an idle database connection failed; the pool discarded it: terminating connection due to administrator command\n');
    } finally {
      write.mockRestore();
    }
  });
});

describe('createClient', () => {
  it('names the application, bounds connecting and logs a broken connection instead of throwing', () => {
    const warnings: string[] = [];
    const client = createClient({ connectionString: 'postgres://nobody@127.0.0.1:1/none', applicationName: 'migrate', logger: { warn: (_, message) => warnings.push(message) } });
    const settings = client as unknown as { connectionParameters: { application_name: string }; _connectionTimeoutMillis: number };
    expect(settings.connectionParameters.application_name).toBe('migrate');
    expect(settings._connectionTimeoutMillis).toBe(DEFAULT_CONNECTION_TIMEOUT_MS);
    expect(() => client.emit('error', new Error('Connection terminated unexpectedly'))).not.toThrow();
    expect(warnings).toEqual(['the database connection failed']);
  });
});
