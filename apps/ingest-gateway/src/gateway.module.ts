import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Pool } from 'pg';
import { ApiKeyStore, CachedKeyLookup } from '@eventline/api-keys';
import { PG_POOL, PlatformModule } from '@eventline/nest-platform';
import { ApiKeyGuard } from './auth/api-key.guard';
import { EventsController } from './events/events.controller';
import { IngestService } from './events/ingest.service';
import { GATEWAY_CONFIG, readGatewayConfig, type GatewayConfig } from './gateway-config';
import { KEY_LOOKUP } from './auth/key-lookup';
import { GatewayExceptionFilter } from './http/gateway-exception.filter';

@Module({
  imports: [PlatformModule.forRoot({ service: 'ingest-gateway', checkSchema: true, observability: true })],
  controllers: [EventsController],
  providers: [
    { provide: GATEWAY_CONFIG, useFactory: () => readGatewayConfig() },
    { provide: ApiKeyStore, inject: [PG_POOL], useFactory: (pool: Pool) => new ApiKeyStore(pool) },
    { provide: KEY_LOOKUP, inject: [ApiKeyStore, GATEWAY_CONFIG], useFactory: (store: ApiKeyStore, config: GatewayConfig) => new CachedKeyLookup(store, { ttlMs: config.keyCacheTtlMs }) },
    { provide: APP_FILTER, useClass: GatewayExceptionFilter },
    ApiKeyGuard,
    IngestService,
  ],
})
export class GatewayModule {}
