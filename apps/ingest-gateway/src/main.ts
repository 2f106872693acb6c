import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
import { exitWithParent, startPlatformApp } from '@eventline/nest-platform';
import { createGatewayApp } from './create-gateway-app';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway-config';

async function main(): Promise<void> {
  exitWithParent();
  const app = await createGatewayApp();
  app.enableShutdownHooks();
  const { host, port } = app.get<GatewayConfig>(GATEWAY_CONFIG);
  await startPlatformApp(app, { port, host });
}

main().catch((error: unknown) => {
  console.error('ingest-gateway failed to start:', error);
  process.exit(1);
});
