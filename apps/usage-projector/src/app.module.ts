import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { ApiKeyStore, CachedKeyLookup, DEFAULT_KEY_CACHE_TTL_MS } from '@eventline/api-keys';
import { PG_POOL, PlatformModule } from '@eventline/nest-platform';
import { KpisController } from './kpis/kpis.controller';
import { READ_KEY_LOOKUP, ReadKeyGuard } from './kpis/read-key.guard';
import { UsageHandler } from './usage.handler';

@Module({
  imports: [PlatformModule.forRoot({ service: 'usage-projector', checkSchema: true, observability: true })],
  controllers: [UsageHandler, KpisController],
  providers: [
    // The KPI API's keys, through the same short-lived cache the gateway uses.
    { provide: READ_KEY_LOOKUP, inject: [PG_POOL], useFactory: (pool: Pool) => new CachedKeyLookup(new ApiKeyStore(pool), { ttlMs: DEFAULT_KEY_CACHE_TTL_MS }) },
    ReadKeyGuard,
  ],
})
export class AppModule {}
