import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { GatewayModule } from './gateway.module';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway-config';
import { translateBodyParserErrors } from './http/body-parser-errors';
import { assignRequestId } from './http/request-id';
import { traceRequest } from './http/trace-request';
import { setupOpenApi } from './openapi/setup-openapi';

/**
 * The gateway, configured but not listening: main.ts listens on the configured port, tests on
 * port 0. Nest's own body parser is off so the gateway's limit and content-type rule apply.
 */
export async function createGatewayApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  const config = app.get<GatewayConfig>(GATEWAY_CONFIG);
  app.use(assignRequestId);
  // Every body is read as JSON whatever its content type: a client that forgets the header (curl -d
  // sends a form type) gets its events published or a precise invalid_json, not an empty body.
  app.useBodyParser('json', { limit: config.maxBodyBytes, type: () => true, strict: false });
  // The ingest endpoints only: health probes and /metrics scrapes would each be a trace of their own.
  app.use('/v1/events', traceRequest);
  app.use(translateBodyParserErrors);
  setupOpenApi(app);
  return app;
}
