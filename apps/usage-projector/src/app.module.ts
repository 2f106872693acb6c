import { Module } from '@nestjs/common';
import { PlatformModule } from '@eventline/nest-platform';
import { KpisController } from './kpis.controller';
import { UsageHandler } from './usage.handler';

@Module({
  imports: [PlatformModule.forRoot({ service: 'usage-projector', checkSchema: true, observability: true })],
  controllers: [UsageHandler, KpisController],
})
export class AppModule {}
