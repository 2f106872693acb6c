import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { catalogTopics, type Catalog } from '@eventline/contracts';
import { ConsumerMetrics } from '@eventline/consumer-runtime';
import type { KafkaPort } from '@eventline/kafka-port';
import { CATALOG, KAFKA, METRICS, PG_POOL } from '@eventline/nest-platform';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { EventlineTransport } from './eventline-transport';
import { RethrowRpcErrors } from './rethrow-rpc-errors.filter';

export interface ConsumerAppOptions {
  /** The consumer group: one per app, so each app sees every event. */
  group: string;
  /** Topics to consume; every catalog topic when omitted. */
  topics?: string[];
  port: number;
}

/**
 * A consumer app: HTTP for /health and /metrics, plus the Eventline transport serving the app's
 * @OnEvent handlers. Shutdown hooks stop the consumer (finishing the batch in hand) before the
 * pool and the publisher close.
 */
export async function startConsumerApp(module: Type<unknown>, options: ConsumerAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const catalog = app.get<Catalog>(CATALOG);
  const logger = await app.resolve(PinoLogger);
  const microservice = app.connectMicroservice(
    {
      strategy: new EventlineTransport({
        kafka: app.get<KafkaPort>(KAFKA),
        registry: app.get(SchemaRegistryClient),
        catalog,
        pool: app.get<Pool>(PG_POOL),
        group: options.group,
        topics: options.topics ?? catalogTopics(catalog).map((t) => t.topic),
        logger,
        metrics: new ConsumerMetrics(app.get<Registry>(METRICS)),
      }),
    },
    { inheritAppConfig: true, deferInitialization: true },
  );
  microservice.useGlobalFilters(new RethrowRpcErrors());
  await app.startAllMicroservices();
  await app.listen(options.port, process.env.HTTP_HOST ?? '127.0.0.1');
  return app;
}
