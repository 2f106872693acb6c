import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { Pool } from 'pg';
import type { KafkaPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { KAFKA, PG_POOL } from './tokens';

type Check = () => Promise<unknown>;

/** 200 when the broker, the registry and the database all answer within a few seconds; 503 naming the ones that do not. */
@Controller()
export class HealthController {
  constructor(
    @Inject(KAFKA) private readonly kafka: KafkaPort,
    @Inject(SchemaRegistryClient) private readonly registry: SchemaRegistryClient,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get('health')
  async health(): Promise<{ status: string; checks: Record<string, string> }> {
    const checks: Record<string, Check> = {
      broker: () => this.brokerAnswers(),
      registry: () => this.registry.subjects(),
      database: () => this.pool.query('SELECT 1'),
    };
    const results = Object.fromEntries(await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await outcome(check)])));
    const healthy = Object.values(results).every((r) => r === 'up');
    if (!healthy) throw new ServiceUnavailableException({ status: 'degraded', checks: results });
    return { status: 'ok', checks: results };
  }

  private async brokerAnswers(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
  }
}

async function outcome(check: Check): Promise<string> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 3s')), 3_000).unref());
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch (error) {
    return `down: ${(error as Error).message}`;
  }
}
