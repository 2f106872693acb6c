import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';
import type { KafkaPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { KAFKA_PROBE, PG_POOL } from '../tokens';
import { database, kafkaBroker, kafkaTopics, schemaRegistry, type Dependency } from './dependencies';
import { readStartupBudgetMs } from './startup-budget';
import { startupGate } from './startup-gate';
import { StartupState } from './startup-state';
import { waitFor, type WaitContext } from './wait-for';

export interface PlatformStartOptions {
  port: number;
  host?: string;
  /** Topics the app's work needs (a consumer's subscriptions): awaited after the broker. */
  topics?: string[];
  /** The app's own work, started once Nest is initialised and retried while it fails retriably. */
  work?: { dependency: string; start: () => Promise<void> };
}

/**
 * Starts an app that never exits on a dependency that is still starting: HTTP first (liveness
 * 200, readiness 503 naming what is awaited), then the database, the registry, the broker and the
 * app's topics, each with backoff within EVENTLINE_STARTUP_BUDGET_S, then Nest's lifecycle hooks,
 * then the app's work. Ready once that has started. Bad configuration still fails at once.
 */
export async function startPlatformApp<T extends INestApplication>(app: T, options: PlatformStartOptions): Promise<T> {
  const budgetMs = readStartupBudgetMs();
  const state = app.get(StartupState);
  const logger = await app.resolve(PinoLogger);
  app.use(startupGate(state));
  await listen(app.getHttpServer(), options.port, options.host ?? process.env.HTTP_HOST ?? '127.0.0.1');
  const context: WaitContext = { state, logger, deadline: Date.now() + budgetMs, budgetMs };
  try {
    for (const dependency of dependencies(app, options.topics ?? [])) await waitFor(dependency.name, dependency.probe, context);
    state.advance('starting');
    await app.init();
    // Not cut short: a consumer's start waits for its group to form, which may take a rebalance.
    if (options.work) await waitFor(options.work.dependency, options.work.start, context, Infinity);
    state.advance('ready');
    logger.info({ port: (app.getHttpServer() as Server).address() }, 'ready');
    return app;
  } catch (error) {
    // A shutdown during the start aborts it; Nest's shutdown hooks then end the process.
    if (state.stopping) return app;
    throw error;
  }
}

function dependencies(app: INestApplication, topics: string[]): Dependency[] {
  const probeKafka = app.get<KafkaPort>(KAFKA_PROBE);
  return [database(app.get<Pool>(PG_POOL)), schemaRegistry(app.get(SchemaRegistryClient)), kafkaBroker(probeKafka), ...(topics.length > 0 ? [kafkaTopics(probeKafka, topics)] : [])];
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
