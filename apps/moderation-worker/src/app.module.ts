import { Module } from '@nestjs/common';
import { PlatformModule } from '@eventline/nest-platform';
import { OutboxWriter } from '@eventline/outbox';
import { Publisher } from '@eventline/publisher';
import { ModerationHandler } from './moderation.handler';
import { ModerationService } from './moderation.service';
import { loadPolicyFile } from './policy-file';
import { MODERATION_POLICY, OUTBOX_WRITER } from './tokens';

@Module({
  imports: [PlatformModule.forRoot({ service: 'moderation-worker', checkSchema: true, observability: true })],
  controllers: [ModerationHandler],
  providers: [
    // Read once at start: a broken policy file stops the worker instead of moderating with half a policy.
    { provide: MODERATION_POLICY, useFactory: () => loadPolicyFile() },
    { provide: OUTBOX_WRITER, inject: [Publisher], useFactory: (publisher: Publisher) => new OutboxWriter(publisher) },
    ModerationService,
  ],
})
export class AppModule {}
