import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { GATEWAY_SCHEMAS } from './schemas';
import { API_KEY_SCHEME, BEARER_SCHEME } from './security-schemes';

/** Serves the OpenAPI description at /openapi.json and Swagger UI at /docs. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Eventline ingest gateway')
    .setDescription(
      'Publishes domain events over HTTP for services that cannot use the TypeScript publisher. Each event is validated against its ' +
        'Avro contract and published to its domain topic, keyed by tenant; a request is published entirely or not at all. ' +
        'Authenticate with an API key (`npx eventline keys create`), scoped to tenants and event types. Every response carries ' +
        'X-Request-Id (yours, when you send one).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Authorization: Bearer evl_…' }, BEARER_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The same key, in its own header.' }, API_KEY_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...GATEWAY_SCHEMAS } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
}
