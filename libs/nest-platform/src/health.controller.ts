import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { Pool } from 'pg';
import type { KafkaPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { database, kafkaBroker, schemaRegistry, type Dependency } from './startup/dependencies';
import { describe, StartupState } from './startup/startup-state';
import { KAFKA_PROBE, PG_POOL } from './tokens';
import { WorkReadiness } from './work-readiness';

interface Readiness {
  status: string;
  checks: Record<string, string>;
  work: Record<string, unknown>;
  node: string;
}

/**
 * Liveness: the process serves HTTP, whatever its dependencies do. Readiness: the app's work has
 * started and is healthy (WorkReadiness: a consumer neither stopped, crashed nor stalled), and the
 * broker, the registry and the database each answer within a few seconds; 503 naming what is not. Before the app is ready the start-up gate answers both.
 */
@Controller('health')
export class HealthController {
  private readonly dependencies: Dependency[];

  constructor(
    @Inject(KAFKA_PROBE) kafka: KafkaPort,
    @Inject(SchemaRegistryClient) registry: SchemaRegistryClient,
    @Inject(PG_POOL) pool: Pool,
    @Inject(StartupState) private readonly state: StartupState,
    @Inject(WorkReadiness) private readonly work: WorkReadiness,
  ) {
    this.dependencies = [kafkaBroker(kafka), schemaRegistry(registry), database(pool)];
  }

  @Get('live')
  live(): { status: 'live'; node: string } {
    return { status: 'live', node: process.version };
  }

  @Get(['', 'ready'])
  async ready(): Promise<Readiness> {
    const results = await Promise.all(this.dependencies.map(async (d) => [d.name, await outcome(d.probe)] as const));
    const work = this.work.results();
    const checks = Object.fromEntries([...results, ...work.map(([name, check]) => [name, check.ready ? 'up' : 'down'] as const)]);
    const details = Object.fromEntries(work.map(([name, check]) => [name, check.detail]));
    const ready = this.state.phase === 'ready' && Object.values(checks).every((result) => result === 'up');
    const status = ready ? 'ok' : this.state.phase === 'ready' ? 'degraded' : this.state.phase;
    const body: Readiness = { status, checks, work: details, node: process.version };
    if (!ready) throw new ServiceUnavailableException(body);
    return body;
  }
}

async function outcome(check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 3s')), 3_000)));
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch (error) {
    return `down: ${describe(error)}`;
  } finally {
    clearTimeout(timer);
  }
}
