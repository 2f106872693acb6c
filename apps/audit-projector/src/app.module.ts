import { Module } from '@nestjs/common';
import { PlatformModule } from '@eventline/nest-platform';
import { AuditHandler } from './audit.handler';

@Module({
  imports: [PlatformModule.forRoot({ service: 'audit-projector', checkSchema: true, observability: true })],
  controllers: [AuditHandler],
})
export class AppModule {}
