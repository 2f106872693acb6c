import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { startConsumerApp } from '@eventline/consumer-nest';
import { AppModule } from './app.module';
import { USAGE_SUBSCRIPTION } from './subscription';

startConsumerApp(AppModule, { subscription: USAGE_SUBSCRIPTION, port: Number(process.env.USAGE_PROJECTOR_PORT ?? 8092) }).catch((error: unknown) => {
  console.error('usage-projector failed to start:', error);
  process.exit(1);
});
