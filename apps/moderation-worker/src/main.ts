import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { startConsumerApp } from '@eventline/consumer-nest';
import { AppModule } from './app.module';
import { MODERATION_SUBSCRIPTION } from './subscription';

// The texts it moderates are user-written content, marked pii and sealed at publish.
startConsumerApp(AppModule, { subscription: MODERATION_SUBSCRIPTION, port: Number(process.env.MODERATION_WORKER_PORT ?? 8094), opensPersonalData: true }).catch((error: unknown) => {
  console.error('moderation-worker failed to start:', error);
  process.exit(1);
});
