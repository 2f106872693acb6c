import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@eventline/test-harness';
import { embeddedUrl, ensureDatabasesOn, runEmbeddedServer, type EmbeddedServer } from './postgres';
import { sleep } from './net';
import { isAlive, runningPid, stopProcess } from './processes';
import { loadSettings } from './settings';

const DATABASE = 'eventline';
/** The test process that started a server, so a later run can tell it was left behind. */
const OWNER_FILE = 'owner.pid';

/**
 * An embedded PostgreSQL of one test's own, on a free port, that the test may stop and start
 * (a database outage) without touching the shared stack's server. Its files live under
 * .local/private-postgres/<id>: not in a 0700 temp dir, which the `postgres` user the server runs
 * as under root could not enter.
 */
export class PrivatePostgres {
  private constructor(
    private server: EmbeddedServer,
    private readonly baseDir: string,
  ) {}

  /** The app database's URL (database `eventline`, created on first start). */
  get databaseUrl(): string {
    return PrivatePostgres.urlOn(this.server.port);
  }

  /** The URL the database will have once moved to `port`: an app can be started on it before. */
  static urlOn(port: number): string {
    return embeddedUrl(port, DATABASE).toString();
  }

  get port(): number {
    return this.server.port;
  }

  static async start(): Promise<PrivatePostgres> {
    const root = join(loadSettings().local, 'private-postgres');
    await removeAbandoned(root);
    const baseDir = join(root, randomUUID().slice(0, 8));
    mkdirSync(baseDir, { recursive: true });
    writeFileSync(join(baseDir, OWNER_FILE), `${process.pid}\n`);
    const postgres = new PrivatePostgres(serverIn(baseDir, await freePort()), baseDir);
    await postgres.resume();
    await ensureDatabasesOn(embeddedUrl(postgres.port, DATABASE), [DATABASE]);
    return postgres;
  }

  /**
   * Stops the server the way `pg_ctl restart` does (fast shutdown, SIGINT to the postmaster): each
   * open connection ends with "terminating connection due to administrator command".
   */
  async stop(): Promise<void> {
    const pid = runningPid(this.server.proc);
    if (pid === undefined) return;
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    // Still up after the grace period: SIGTERM, then SIGKILL to the whole group.
    await stopProcess(this.server.proc, 5_000);
  }

  /** Starts the stopped server again on the same port and data; resolves once it answers. */
  async resume(): Promise<void> {
    await runEmbeddedServer(this.server);
  }

  /**
   * Restarts the server on `port`. A test prepares the database (migrations, fixtures) on the
   * first port while its app boots pointed at the second, so the app cannot see it half-prepared
   * and nothing waits for the other.
   */
  async moveTo(port: number): Promise<void> {
    await this.stop();
    this.server = { ...this.server, port };
    await this.resume();
  }

  /** Stops the server and deletes its files. */
  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.baseDir, { recursive: true, force: true });
  }
}

function serverIn(baseDir: string, port: number): EmbeddedServer {
  const dataDir = join(baseDir, 'data');
  return { dataDir, port, proc: { name: 'postgres', marker: dataDir, runDir: join(baseDir, 'run'), logFile: join(baseDir, 'postgres.log') } };
}

/** Servers of test runs that died before removing them (a killed Jest): stopped, and their files deleted. */
async function removeAbandoned(root: string): Promise<void> {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const baseDir = join(root, name);
    const owner = ownerPid(baseDir);
    if (owner !== undefined && isAlive(owner)) continue;
    await stopProcess(serverIn(baseDir, 0).proc, 5_000);
    rmSync(baseDir, { recursive: true, force: true });
  }
}

function ownerPid(baseDir: string): number | undefined {
  const file = join(baseDir, OWNER_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
