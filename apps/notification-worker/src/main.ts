import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { startConsumerApp } from '@eventline/consumer-nest';
import { AppModule } from './app.module';
import { startFromNowOnFirstRun } from './start-from-now';
import { NOTIFICATION_SUBSCRIPTION } from './subscription';

startConsumerApp(AppModule, {
  subscription: NOTIFICATION_SUBSCRIPTION,
  port: Number(process.env.NOTIFICATION_WORKER_PORT ?? 8093),
  beforeConsuming: () => startFromNowOnFirstRun(NOTIFICATION_SUBSCRIPTION.group),
  // Recipients' addresses and names are personal data, sealed at publish.
  opensPersonalData: true,
}).catch((error: unknown) => {
  console.error('notification-worker failed to start:', error);
  process.exit(1);
});
