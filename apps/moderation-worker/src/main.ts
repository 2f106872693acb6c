import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { startConsumerApp } from '@eventline/consumer-nest';
import { MODERATED_TOPICS } from '@eventline/moderation-policies';
import { AppModule } from './app.module';

// The texts it moderates are user-written content, marked pii and sealed at publish.
startConsumerApp(AppModule, { group: 'moderation-worker', topics: MODERATED_TOPICS, port: Number(process.env.MODERATION_WORKER_PORT ?? 8094), opensPersonalData: true }).catch((error: unknown) => {
  console.error('moderation-worker failed to start:', error);
  process.exit(1);
});
