import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Pool } from 'pg';
import { ApiKeyStore } from '@eventline/api-keys';
import { PG_POOL, PlatformModule } from '@eventline/nest-platform';
import { ApiKeyGuard } from './auth/api-key.guard';
import { EventsController } from './events/events.controller';
import { IngestService } from './events/ingest.service';
import { GATEWAY_CONFIG, readGatewayConfig } from './gateway-config';
import { GatewayExceptionFilter } from './http/gateway-exception.filter';

@Module({
  imports: [PlatformModule.forRoot({ service: 'ingest-gateway', checkSchema: true, observability: true })],
  controllers: [EventsController],
  providers: [
    { provide: GATEWAY_CONFIG, useFactory: () => readGatewayConfig() },
    { provide: ApiKeyStore, inject: [PG_POOL], useFactory: (pool: Pool) => new ApiKeyStore(pool) },
    { provide: APP_FILTER, useClass: GatewayExceptionFilter },
    ApiKeyGuard,
    IngestService,
  ],
})
export class GatewayModule {}
