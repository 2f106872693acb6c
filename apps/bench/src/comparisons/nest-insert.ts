import 'reflect-metadata';
import { Controller, Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { Pool } from 'pg';

export interface JsonEvent {
  event_id: string;
  event_type: string;
  tenant_id: string;
  occurred_at: string;
  source: string;
  entity_type: string;
  entity_id: string;
  actor: { id: string; type: string };
  payload: Record<string, unknown>;
}

/**
 * What a team writes by hand: a NestJS microservice on the stock Kafka transport, one
 * `@EventPattern` handler per topic doing one INSERT into audit_logs per event (autocommitted,
 * the transport's own offset commits). The topic is known only at run time, so the controller is
 * declared here, around it.
 */
function insertModule(topic: string, pool: Pool, inserted: () => void): Type<unknown> {
  @Controller()
  class AuditInsertController {
    @EventPattern<Record<string, JsonEvent>>(topic)
    async handle(@Payload() event: JsonEvent): Promise<void> {
      await pool.query('INSERT INTO audit_logs (event_id, tenant_id, actor_id, action, entity_type, entity_id, metadata, occurred_at, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
        event.event_id,
        event.tenant_id,
        event.actor.id,
        event.event_type,
        event.entity_type,
        event.entity_id,
        JSON.stringify(event.payload),
        event.occurred_at,
        event.source,
      ]);
      inserted();
    }
  }
  @Module({ controllers: [AuditInsertController] })
  class AuditInsertModule {}
  return AuditInsertModule;
}

export async function startNestInsertService(brokers: string[], topic: string, groupId: string, pool: Pool, inserted: () => void): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(insertModule(topic, pool, inserted), {
    transport: Transport.KAFKA,
    // maxWaitTimeInMs as Eventline's consumer has it (500 ms): kafkajs' 5 s default only delays stopping once the topic is drained.
    options: { client: { clientId: 'eventline-bench-nest-insert', brokers }, consumer: { groupId, maxWaitTimeInMs: 500 }, subscribe: { fromBeginning: true }, postfixId: '' },
  });
  await app.listen();
  return app;
}
