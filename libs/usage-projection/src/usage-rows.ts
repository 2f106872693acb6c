import type { DecodedEvent } from '@eventline/consumer-runtime';

/** One usage_records row (seed 004's columns plus event_id and event_type), in insert column order. */
export interface UsageRecordRow {
  event_id: string;
  event_type: string;
  tenant_id: string;
  user_id: string;
  ts: Date;
  assist_mode: string | null;
  model_name: string;
  model_version: string | null;
  input_tokens: number;
  output_tokens: number;
  status: string | null;
  latency_ms: number | null;
}

type Envelope = {
  occurred_at: unknown;
  actor: { id: string };
  model: { name: string; version: string | null } | null;
  payload: Record<string, unknown>;
};

/**
 * Contracts name the same facts differently (seed 004 chat: model_name/input_tokens; seed 003
 * posts: generation_model/prompt_tokens), so each column takes the first name that is present.
 * The payload wins over the envelope's model, which producers fill less reliably.
 */
export function usageRecordRow(event: DecodedEvent): UsageRecordRow {
  const e = event.envelope as unknown as Envelope;
  const p = e.payload ?? {};
  return {
    event_id: event.eventId,
    event_type: event.eventType,
    tenant_id: event.tenantId,
    user_id: e.actor.id,
    ts: new Date(Number(e.occurred_at)),
    assist_mode: text(p.assist_mode),
    model_name: text(p.model_name) ?? text(p.generation_model) ?? text(p.model) ?? text(e.model?.name) ?? 'unknown',
    model_version: text(p.model_version) ?? text(e.model?.version) ?? null,
    input_tokens: count(p.input_tokens) ?? count(p.prompt_tokens) ?? 0,
    output_tokens: count(p.output_tokens) ?? 0,
    status: text(p.status),
    latency_ms: count(p.latency_ms),
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null);
