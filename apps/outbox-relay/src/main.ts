import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitWithParent, startPlatformApp } from '@eventline/nest-platform';
import { RelayModule } from './relay.module';

/** HTTP only for /health and /metrics; the relay itself starts in a lifecycle hook once its dependencies answer. */
async function main(): Promise<void> {
  exitWithParent();
  const app = await NestFactory.create(RelayModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await startPlatformApp(app, { port: relayPort() });
}

function relayPort(raw = process.env.OUTBOX_RELAY_PORT): number {
  if (raw === undefined || raw === '') return 8090;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`OUTBOX_RELAY_PORT must be a port number (0 for any free one), got "${raw}"`);
  return port;
}

main().catch((error: unknown) => {
  console.error('outbox-relay failed to start:', error);
  process.exit(1);
});
