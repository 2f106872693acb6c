import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@eventline/test-harness';
import { embeddedUrl, ensureDatabasesOn, runEmbeddedServer, type EmbeddedServer } from './postgres';
import { sleep } from './net';
import { isAlive, runningPid, stopProcess } from './processes';
import { loadSettings } from './settings';

const DATABASE = 'eventline';

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
    const baseDir = join(loadSettings().local, 'private-postgres', randomUUID().slice(0, 8));
    mkdirSync(baseDir, { recursive: true });
    const server: EmbeddedServer = {
      dataDir: join(baseDir, 'data'),
      port: await freePort(),
      proc: { name: 'postgres', marker: join(baseDir, 'data'), runDir: join(baseDir, 'run'), logFile: join(baseDir, 'postgres.log') },
    };
    const postgres = new PrivatePostgres(server, baseDir);
    await postgres.resume();
    await ensureDatabasesOn(embeddedUrl(server.port, DATABASE), [DATABASE]);
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
