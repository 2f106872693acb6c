import { DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort, kafkaSecurityFromEnv } from '@eventline/kafka-port';
import { assertSchemaCurrent, createPool } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { appDatabaseUrl, loadStackEndpoints, type StackEndpoints } from '@eventline/stack-config';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { WorkReadiness } from './work-readiness';
import { StartupState } from './startup/startup-state';
import { subjectKeysFor } from './subject-keys';
import { CATALOG, KAFKA, KAFKA_PROBE, METRICS, PG_POOL, PLATFORM_OPTIONS, STACK_ENDPOINTS, SUBJECT_KEYS } from './tokens';

export interface PlatformOptions {
  /** The app's name: Kafka client id, each published event's `source`, the log name. */
  service: string;
  /**
   * Refuse to start unless every migration this code ships has been applied. Apps never migrate:
   * `npm run db:migrate` is a separate, privileged step.
   */
  checkSchema?: boolean;
  /** Serve GET /health/live, GET /health/ready (alias /health: broker, registry, database) and GET /metrics (Prometheus). */
  observability?: boolean;
}

/** Every log line of a request carries its headers; these must never reach the logs. */
const CREDENTIAL_HEADERS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'];

/** Checks the database schema on start, and closes the publisher and the pool on shutdown (after in-flight work). */
@Injectable()
class PlatformLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(Publisher) private readonly publisher: Publisher,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PinoLogger) private readonly logger: PinoLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.options.checkSchema) return;
    const schema = await assertSchemaCurrent(this.pool);
    this.logger.info(schema, 'database schema is current');
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'shutting down: flushing the publisher and closing the database pool');
    await this.publisher.close();
    await this.pool.end();
  }
}

/**
 * What every Eventline app shares: stack endpoints, the catalog, the Kafka port, the registry
 * client, the publisher (sealing personal data when a master key is configured), a PostgreSQL
 * pool, the data subjects' key store and pino logging. Import it once, in the app module.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      controllers: options.observability ? [HealthController, MetricsController] : [],
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { name: options.service, level: process.env.LOG_LEVEL ?? 'info', autoLogging: false, redact: { paths: CREDENTIAL_HEADERS, censor: '[redacted]' } },
        }),
      ],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        { provide: STACK_ENDPOINTS, useFactory: () => loadStackEndpoints() },
        { provide: CATALOG, useFactory: () => loadCatalog() },
        // TLS and SASL come from KAFKA_SSL_CA_FILE / KAFKA_SASL_* (kafkaSecurityFromEnv): a deployment's, never stack.env's.
        { provide: KAFKA, inject: [STACK_ENDPOINTS], useFactory: (e: StackEndpoints) => createKafkaPort({ brokers: e.kafkaBrokers, clientId: options.service, ...kafkaSecurityFromEnv() }) },
        {
          provide: KAFKA_PROBE,
          inject: [STACK_ENDPOINTS],
          useFactory: (e: StackEndpoints) => createKafkaPort({ brokers: e.kafkaBrokers, clientId: `${options.service}-probe`, retries: 0, silent: true, ...kafkaSecurityFromEnv() }),
        },
        { provide: SchemaRegistryClient, inject: [STACK_ENDPOINTS], useFactory: (e: StackEndpoints) => new SchemaRegistryClient(e.schemaRegistryUrl) },
        { provide: SUBJECT_KEYS, inject: [PG_POOL, PinoLogger], useFactory: subjectKeysFor },
        {
          provide: Publisher,
          inject: [KAFKA, SchemaRegistryClient, CATALOG, SUBJECT_KEYS],
          useFactory: (kafka, registry, catalog, subjectKeys) => new Publisher({ kafka, registry, catalog, source: options.service, subjectKeys: subjectKeys ?? undefined }),
        },
        {
          provide: PG_POOL,
          inject: [STACK_ENDPOINTS, PinoLogger],
          useFactory: (e: StackEndpoints, logger: PinoLogger) => createPool({ connectionString: appDatabaseUrl(options.service, e.databaseUrl), max: 10, applicationName: options.service, logger }),
        },
        { provide: METRICS, useFactory: () => metricsRegistry(options.service) },
        PlatformLifecycle,
        StartupState,
        WorkReadiness,
      ],
      exports: [PLATFORM_OPTIONS, STACK_ENDPOINTS, CATALOG, KAFKA, KAFKA_PROBE, SchemaRegistryClient, Publisher, PG_POOL, SUBJECT_KEYS, METRICS, StartupState, WorkReadiness],
    };
  }
}

function metricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
