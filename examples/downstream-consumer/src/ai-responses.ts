import type { PoolClient } from 'pg';
import type { DecodedEvent } from '@eventline/consumer-runtime';
import { eventTime } from './event-time';

/** The events ai_responses is made of (schemas/ai/ai_response.*.avsc, seed 004). */
export const AI_RESPONSE_EVENTS = ['ai_response.created', 'ai_response.regenerated', 'ai_response.action_executed', 'ai_response.sanitization_failed'] as const;
export type AiResponseEvent = DecodedEvent<(typeof AI_RESPONSE_EVENTS)[number]>;

/**
 * Materialises ai_responses, one row per version, in the batch's transaction. Each write is keyed by the event's id
 * (a redelivered or re-published event changes nothing), and none depends on the order of the others, so a
 * regeneration may arrive before or after the ai_response.created of its new version.
 */
export async function recordAiResponses(tx: PoolClient, events: AiResponseEvent[]): Promise<void> {
  for (const event of events) await recordAiResponse(tx, event);
}

async function recordAiResponse(tx: PoolClient, event: AiResponseEvent): Promise<void> {
  switch (event.eventType) {
    case 'ai_response.created':
      return recordCreated(tx, event);
    case 'ai_response.regenerated':
      return recordRegenerated(tx, event);
    case 'ai_response.action_executed': {
      const { command, label, confidence } = event.payload;
      return recordOnLatestVersion(tx, event, 'actions_executed', { command, label, confidence });
    }
    case 'ai_response.sanitization_failed':
      return recordOnLatestVersion(tx, event, 'sanitization_failures', { reason: event.payload.reason });
  }
}

/** The response an event is about: its payload names it when known, else the envelope's entity. */
const responseIdOf = (event: AiResponseEvent) => event.payload.response_id ?? event.envelope.entity_id;

/** A version's content; the first ai_response.created of a version wins. */
async function recordCreated(tx: PoolClient, event: DecodedEvent<'ai_response.created'>): Promise<void> {
  const { payload } = event;
  await tx.query(
    `INSERT INTO ai_responses (tenant_id, response_id, version, chat_id, model, confidence, raw_markdown, structured_blocks, created_event_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tenant_id, response_id, version) DO UPDATE SET
       chat_id = COALESCE(ai_responses.chat_id, EXCLUDED.chat_id), model = EXCLUDED.model, confidence = EXCLUDED.confidence,
       raw_markdown = EXCLUDED.raw_markdown, structured_blocks = EXCLUDED.structured_blocks,
       created_event_id = EXCLUDED.created_event_id, created_at = EXCLUDED.created_at, updated_at = now()
     WHERE ai_responses.created_event_id IS NULL`,
    [event.tenantId, responseIdOf(event), payload.version, payload.chat_id, payload.model, payload.confidence, payload.raw_markdown, payload.structured_blocks, event.eventId, eventTime(event.envelope.occurred_at)],
  );
}

/** A regeneration opens the new version, noting the one it replaces. */
async function recordRegenerated(tx: PoolClient, event: DecodedEvent<'ai_response.regenerated'>): Promise<void> {
  const { payload } = event;
  await tx.query(
    `INSERT INTO ai_responses (tenant_id, response_id, version, chat_id, previous_version, regenerated_event_id, regenerated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, response_id, version) DO UPDATE SET
       chat_id = COALESCE(ai_responses.chat_id, EXCLUDED.chat_id), previous_version = EXCLUDED.previous_version,
       regenerated_event_id = EXCLUDED.regenerated_event_id, regenerated_at = EXCLUDED.regenerated_at, updated_at = now()
     WHERE ai_responses.regenerated_event_id IS NULL`,
    [event.tenantId, responseIdOf(event), payload.new_version, payload.chat_id, payload.previous_version, event.eventId, eventTime(event.envelope.occurred_at)],
  );
}

/**
 * Executed actions and sanitization failures name no version: they belong to the latest one known (version 1 when
 * none is), kept in a JSON object under the event's id, so the same event twice is one entry.
 */
async function recordOnLatestVersion(tx: PoolClient, event: AiResponseEvent, column: 'actions_executed' | 'sanitization_failures', detail: Record<string, unknown>): Promise<void> {
  const entry = { ...detail, at: eventTime(event.envelope.occurred_at).toISOString() };
  await tx.query(
    `INSERT INTO ai_responses (tenant_id, response_id, version, chat_id, ${column})
     VALUES ($1, $2, COALESCE((SELECT max(version) FROM ai_responses WHERE tenant_id = $1 AND response_id = $2), 1), $3, jsonb_build_object($4::text, $5::jsonb))
     ON CONFLICT (tenant_id, response_id, version) DO UPDATE SET ${column} = ai_responses.${column} || EXCLUDED.${column}, updated_at = now()`,
    [event.tenantId, responseIdOf(event), event.payload.chat_id, event.eventId, JSON.stringify(entry)],
  );
}
