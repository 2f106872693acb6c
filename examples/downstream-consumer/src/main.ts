import '@eventline/node-runtime/check';
import { startConsumerApp } from '@eventline/consumer-nest';
import { AppModule } from './app.module';
import { ownDatabaseUrl } from './own-database';
import { DOWNSTREAM_SUBSCRIPTION } from './subscription';

async function main(): Promise<void> {
  // Refused before anything connects: without its own database the app would write into none it owns.
  ownDatabaseUrl();
  await startConsumerApp(AppModule, { subscription: DOWNSTREAM_SUBSCRIPTION, port: Number(process.env.DOWNSTREAM_CONSUMER_PORT ?? 8100) });
}

main().catch((error: unknown) => {
  console.error('downstream-consumer failed to start:', (error as Error).message);
  process.exit(1);
});
