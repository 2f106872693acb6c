import { Module } from '@nestjs/common';
import { PlatformModule } from '@eventline/nest-platform';
import { ReadModelsHandler } from './read-models.handler';

@Module({
  // /health and /metrics like every Eventline app; the database is the consumer's own (DOWNSTREAM_CONSUMER_DATABASE_URL).
  imports: [PlatformModule.forRoot({ service: 'downstream-consumer', observability: true })],
  controllers: [ReadModelsHandler],
})
export class AppModule {}
