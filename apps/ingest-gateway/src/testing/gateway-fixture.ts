import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyStore, type NewApiKey } from '@eventline/api-keys';
import { createKafkaPort, type KafkaPort } from '@eventline/kafka-port';
import { migrate, createPool } from '@eventline/persistence';
import { startPlatformApp } from '@eventline/nest-platform';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { createGatewayApp } from '../create-gateway-app';

export interface GatewayResponse {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

/** The real gateway on an ephemeral port, started as main.ts starts it, with what tests need around it: keys, Kafka, the registry. */
export class GatewayFixture {
  readonly endpoints = loadStackEndpoints();
  readonly registry = new SchemaRegistryClient(this.endpoints.schemaRegistryUrl);
  readonly kafka: KafkaPort = createKafkaPort({ brokers: this.endpoints.kafkaBrokers, clientId: 'ingest-gateway-test' });
  private readonly pool = createPool({ applicationName: 'ingest-gateway-test', connectionString: this.endpoints.databaseUrl, max: 2 });
  readonly keys = new ApiKeyStore(this.pool);
  private app?: NestExpressApplication;
  url = '';

  async start(): Promise<void> {
    // The gateway only checks the schema; migrating is the test's part, as db:migrate's before a deploy.
    await migrate(this.endpoints.databaseUrl);
    this.app = await startPlatformApp(await createGatewayApp(), { port: 0, host: '127.0.0.1' });
    this.url = `http://127.0.0.1:${(this.app.getHttpServer().address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.pool.end();
  }

  /** A fresh key; returns its plaintext. */
  async key(scope: Partial<NewApiKey> = {}): Promise<string> {
    const { plaintext } = await this.keys.create({ name: uniqueName('gateway-test'), tenantIds: ['*'], eventTypes: ['*'], ...scope });
    return plaintext;
  }

  async post(body: unknown, headers: Record<string, string> = {}): Promise<GatewayResponse> {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return this.request('POST', '/v1/events', { body: raw, headers: { 'content-type': 'application/json', ...headers } });
  }

  async request(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<GatewayResponse> {
    const response = await fetch(`${this.url}${path}`, { method, ...init });
    const text = await response.text();
    let body: Record<string, any>;
    try {
      body = JSON.parse(text) as Record<string, any>;
    } catch {
      throw new Error(`Expected JSON from ${method} ${path}, got ${response.status}: ${text.slice(0, 200)}`);
    }
    return { status: response.status, headers: response.headers, body };
  }
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
