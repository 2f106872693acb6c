import { Module } from '@nestjs/common';
import { PlatformModule } from '@eventline/nest-platform';
import { AuditHandler } from './audit.handler';
import { CheckpointTimer } from './checkpoints/checkpoint-timer';

@Module({
  imports: [PlatformModule.forRoot({ service: 'audit-projector', checkSchema: true, observability: true })],
  controllers: [AuditHandler],
  providers: [CheckpointTimer],
})
export class AppModule {}
