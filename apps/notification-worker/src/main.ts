import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { startConsumerApp } from '@eventline/consumer-nest';
import { AppModule } from './app.module';
import { startFromNowOnFirstRun } from './start-from-now';

const GROUP = 'notification-worker';

startConsumerApp(AppModule, {
  group: GROUP,
  port: Number(process.env.NOTIFICATION_WORKER_PORT ?? 8093),
  beforeConsuming: () => startFromNowOnFirstRun(GROUP),
  // Recipients' addresses and names are personal data, sealed at publish.
  opensPersonalData: true,
}).catch((error: unknown) => {
  console.error('notification-worker failed to start:', error);
  process.exit(1);
});
