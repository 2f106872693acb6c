import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { loadCatalog } from '@eventline/contracts';
import { startConsumerApp } from '@eventline/consumer-nest';
import { AppModule } from './app.module';
import { usageTopics } from '@eventline/usage-kpis';

// Subscribes to the usage topics only; the handler still filters, as those topics carry other events too.
startConsumerApp(AppModule, { group: 'usage-projector', topics: usageTopics(loadCatalog()), port: Number(process.env.USAGE_PROJECTOR_PORT ?? 8092) }).catch((error: unknown) => {
  console.error('usage-projector failed to start:', error);
  process.exit(1);
});
