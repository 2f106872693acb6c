import { Module } from '@nestjs/common';
import { PlatformModule } from '@eventline/nest-platform';
import { RelayService } from './relay.service';

@Module({
  imports: [PlatformModule.forRoot({ service: 'outbox-relay', checkSchema: true, observability: true })],
  providers: [RelayService],
})
export class RelayModule {}
