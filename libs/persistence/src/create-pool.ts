import { Client, Pool, type PoolClient } from 'pg';

export interface PoolLogger {
  warn(details: object, message: string): void;
}

export interface CreatePoolOptions {
  connectionString: string;
  /** Shown in pg_stat_activity, so a DBA can tell which app holds which connection. */
  applicationName: string;
  max?: number;
  /**
   * How long a query waits for a connection (a free slot or a new connection) before it fails.
   * Without it a query against a server that accepts no connections waits forever.
   */
  connectionTimeoutMillis?: number;
  logger?: PoolLogger;
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

/** One line on stderr, for CLIs and scripts that have no structured logger. */
const stderrLogger: PoolLogger = {
  warn: (details, message) => process.stderr.write(`${message}: ${describe((details as { err?: unknown }).err)}\n`),
};

/**
 * The one way Eventline opens a PostgreSQL pool. A database restart terminates every connection;
 * pg reports that as an `error` event on the pool (idle connections) or on the client (checked-out
 * ones), and an `error` event nobody listens to ends the process. Here both are logged; the pool
 * discards the broken connection by itself, and the next query opens a new one once the server is
 * back. A query whose connection broke still rejects, so callers retry as they would any fault.
 */
export function createPool(options: CreatePoolOptions): Pool {
  const logger = options.logger ?? stderrLogger;
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    // Notices a server that vanished without closing the socket (a host down, a cut network), after 10 s rather than the OS's 2 h.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // A broken idle client's error reaches the client's listeners and the pool's, in either order
  // (pg re-adds its own idle listener on each release): log it once, from the pool if it saw it.
  const reported = new WeakSet<object>();
  pool.on('error', (err) => {
    reported.add(err);
    logger.warn({ err, applicationName: options.applicationName }, 'an idle database connection failed; the pool discarded it');
  });
  pool.on('connect', (client: PoolClient) =>
    client.on('error', (err) =>
      queueMicrotask(() => {
        if (reported.has(err)) return;
        logger.warn({ err, applicationName: options.applicationName }, 'a database connection in use failed; its query fails and the pool discards it');
      }),
    ),
  );
  return pool;
}

/**
 * A single connection with the pool's safeguards, for short jobs that hold one (migrations, the
 * schema check): a broken connection fails the query in hand and is logged, instead of an
 * unheard `error` event ending the process; connecting gives up after the connection timeout.
 */
export function createClient(options: Omit<CreatePoolOptions, 'max'>): Client {
  const logger = options.logger ?? stderrLogger;
  const client = new Client({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    keepAlive: true,
  });
  client.on('error', (err) => logger.warn({ err, applicationName: options.applicationName }, 'the database connection failed'));
  return client;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
