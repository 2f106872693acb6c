import '@eventline/node-runtime/check';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { RelayModule } from './relay.module';

/** A worker without HTTP: Nest's application context gives it providers and lifecycle hooks. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(RelayModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error('outbox-relay failed to start:', error);
  process.exit(1);
});
