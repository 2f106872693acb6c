import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { chainRace } from '@eventline/audit-projection';
import { startConsumerApp } from '@eventline/consumer-nest';
import { AppModule } from './app.module';
import { AUDIT_SUBSCRIPTION } from './subscription';

startConsumerApp(AppModule, { subscription: AUDIT_SUBSCRIPTION, port: Number(process.env.AUDIT_PROJECTOR_PORT ?? 8091), errorRules: [chainRace] }).catch((error: unknown) => {
  console.error('audit-projector failed to start:', error);
  process.exit(1);
});
