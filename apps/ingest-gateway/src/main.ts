import '@eventline/node-runtime/check';
import { Logger } from 'nestjs-pino';
import { createGatewayApp } from './create-gateway-app';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway-config';

async function main(): Promise<void> {
  const app = await createGatewayApp();
  app.enableShutdownHooks();
  const { host, port } = app.get<GatewayConfig>(GATEWAY_CONFIG);
  await app.listen(port, host);
  app.get(Logger).log(`ingest gateway listening on ${await app.getUrl()}`, 'IngestGateway');
}

main().catch((error: unknown) => {
  console.error('ingest-gateway failed to start:', error);
  process.exit(1);
});
