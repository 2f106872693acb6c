import { Module } from '@nestjs/common';
import { PlatformModule } from '@eventline/nest-platform';
import { DeliveryLoop } from './delivery/delivery-loop';
import { EmailChannel } from './delivery/email-channel';
import { UncertainSendsGauge } from './delivery/uncertain-sends-gauge';
import { WebhookChannel } from './delivery/webhook-channel';
import { NotificationHandler } from './notification.handler';

@Module({
  imports: [PlatformModule.forRoot({ service: 'notification-worker', checkSchema: true, observability: true })],
  controllers: [NotificationHandler],
  providers: [EmailChannel, WebhookChannel, DeliveryLoop, UncertainSendsGauge],
})
export class AppModule {}
