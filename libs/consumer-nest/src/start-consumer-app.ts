import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestMicroservice } from '@nestjs/microservices/nest-microservice';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { topicPrefixFrom, type Catalog } from '@eventline/contracts';
import {
  ALL_EVENTS,
  ConsumerMetrics,
  openPii,
  subscribedTypes,
  subscriptionTopics,
  type ErrorRule,
  type Pipeline,
  type PipelineStages,
  type Subscription,
  type TransactionalContext,
} from '@eventline/consumer-runtime';
import type { KafkaPort } from '@eventline/kafka-port';
import { CATALOG, KAFKA, METRICS, PG_POOL, SUBJECT_KEYS, WorkReadiness, exitWithParent, startPlatformApp } from '@eventline/nest-platform';
import { PiiOpener } from '@eventline/pii-sealing';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import type { SubjectKeyStore } from '@eventline/subject-keys';
import { EventlineTransport } from './eventline-transport';
import { RethrowRpcErrors } from './rethrow-rpc-errors.filter';

export interface ConsumerAppOptions {
  /**
   * What the app consumes (its subscription.ts): the topics come from it. The group is one per app,
   * so each app sees every event it subscribes to. EVENTLINE_TOPIC_PREFIX goes before the group
   * too, so an app run on prefixed topics (a bench) never joins the platform's group, and its
   * dead-letter topic (`<group>.dlq`) carries the prefix like every other topic.
   */
  subscription: Subscription;
  /** The app's own composition of the runtime's stages; defaultPipeline when omitted. */
  pipeline?: (stages: PipelineStages) => Pipeline<TransactionalContext>;
  port: number;
  /** Runs once the dependencies answer, before consuming starts (retried with it). */
  beforeConsuming?: () => Promise<void>;
  /** The app's own failure rules, asked before the runtime's (classifyError). */
  errorRules?: ErrorRule[];
  /**
   * The handlers act on personal data (an address to send to, a text to moderate): sealed fields
   * are opened before them (openPii), with the platform's key store. Other apps see placeholders.
   */
  opensPersonalData?: boolean;
}

/**
 * A consumer app: HTTP for /health and /metrics, plus the Eventline transport serving the app's
 * @OnEvent handlers, started once the database, the registry, the broker and the topics answer
 * (startPlatformApp). Shutdown hooks stop the consumer (finishing the batch in hand) before the
 * pool and the publisher close.
 */
export async function startConsumerApp(module: Type<unknown>, options: ConsumerAppOptions): Promise<INestApplication> {
  exitWithParent();
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const catalog = app.get<Catalog>(CATALOG);
  const { subscription } = options;
  const group = `${topicPrefixFrom()}${subscription.group}`;
  const topics = subscriptionTopics(subscription, catalog);
  const logger = await app.resolve(PinoLogger);
  const transport = new EventlineTransport({
    kafka: app.get<KafkaPort>(KAFKA),
    registry: app.get(SchemaRegistryClient),
    catalog,
    pool: app.get<Pool>(PG_POOL),
    group,
    topics,
    subscribed: subscription.events === ALL_EVENTS ? ALL_EVENTS : subscribedTypes(subscription, catalog),
    pipeline: options.pipeline,
    logger,
    metrics: new ConsumerMetrics(app.get<Registry>(METRICS)),
    errorRules: options.errorRules,
    middleware: options.opensPersonalData ? [openPii(opener(app.get<SubjectKeyStore | null>(SUBJECT_KEYS)))] : [],
  });
  app.get(WorkReadiness).register('consumer', () => {
    const status = transport.consumerStatus();
    return { ready: status.ready, detail: { ...status } };
  });
  const microservice = app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true, deferInitialization: true }) as NestMicroservice;
  microservice.useGlobalFilters(new RethrowRpcErrors());
  const startConsuming = async () => {
    await options.beforeConsuming?.();
    // The app's init() already ran the lifecycle hooks; the microservice would run them a second time.
    microservice.setIsInitHookCalled(true);
    await app.startAllMicroservices();
  };
  return startPlatformApp(app, { port: options.port, topics, work: { dependency: 'kafka', start: startConsuming } });
}

const opener = (keys: SubjectKeyStore | null) => (keys ? new PiiOpener(keys) : undefined);
