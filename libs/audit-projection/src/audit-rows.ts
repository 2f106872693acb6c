import canonicalize from 'canonicalize';
import { findEvent, piiStrings, redactPii, type Catalog } from '@eventline/contracts';
import { envelopeRecord, type DecodedEvent } from '@eventline/consumer-runtime';
import type { Pseudonyms } from './pii/pseudonyms';

export interface DomainEventRow {
  event_id: string;
  event_type: string;
  tenant_id: string;
  occurred_at: Date;
  actor_id: string;
  actor_type: string;
  entity_type: string;
  entity_id: string;
  source: string;
  schema_version: string;
  correlation_id: string | null;
  causation_id: string | null;
  confidence: number | null;
  model: string | null;
  payload: string;
  /** The envelope's sealed personal data, as JSON; null when the event had none or was published without a key store. */
  pii_sealed: string | null;
  topic: string;
  kafka_partition: number;
  kafka_offset: string;
}

export interface AuditLogRow {
  event_id: string;
  tenant_id: string;
  actor_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  metadata: string;
  occurred_at: Date;
  source: string;
  assist_mode: string | null;
  model_name: string | null;
  model_version: string | null;
  input_tokens: number;
  output_tokens: number;
}

type Envelope = {
  actor: { id: string; type: string };
  model: { name: string; version: string | null } | null;
  payload: Record<string, unknown>;
} & Record<string, unknown>;

export function domainEventRow(event: DecodedEvent): DomainEventRow {
  const e = envelopeRecord(event) as Envelope;
  return {
    event_id: event.eventId,
    event_type: event.eventType,
    tenant_id: event.tenantId,
    occurred_at: new Date(Number(e.occurred_at)),
    actor_id: e.actor.id,
    actor_type: e.actor.type,
    entity_type: String(e.entity_type),
    entity_id: String(e.entity_id),
    source: String(e.source),
    schema_version: String(e.schema_version),
    correlation_id: (e.correlation_id as string | null) ?? null,
    causation_id: (e.causation_id as string | null) ?? null,
    confidence: (e.confidence as number | null) ?? null,
    model: e.model ? JSON.stringify(e.model) : null,
    payload: JSON.stringify(e.payload),
    pii_sealed: e.pii_sealed ? JSON.stringify(e.pii_sealed) : null,
    topic: event.message.topic,
    kafka_partition: event.message.partition,
    kafka_offset: event.message.offset,
  };
}

/**
 * Seed 004's audit row: who did what, when. No personal data: metadata is the payload without its
 * `"pii"` fields, and an entity_id or actor_id that holds one of those values (or an e-mail
 * address) is a pseudonym. AI columns where the event carries them.
 */
export function auditLogRow(event: DecodedEvent, catalog: Catalog, pseudonyms: Pseudonyms): AuditLogRow {
  const e = envelopeRecord(event) as Envelope;
  const contract = findEvent(catalog, event.eventType);
  const metadata = contract ? redactPii(contract.payloadSchema, e.payload) : {};
  const personal = contract ? piiStrings(contract.payloadSchema, e.payload) : new Set<string>();
  const p = e.payload;
  return {
    event_id: event.eventId,
    tenant_id: event.tenantId,
    actor_id: pseudonyms.of(e.actor.id, personal),
    action: event.eventType,
    entity_type: String(e.entity_type),
    entity_id: pseudonyms.of(String(e.entity_id), personal),
    // Canonical (RFC 8785), as the hash chain encodes it: jsonb keeps the value, not the text.
    metadata: canonicalize(metadata)!,
    occurred_at: new Date(Number(e.occurred_at)),
    source: String(e.source),
    assist_mode: text(p.assist_mode),
    model_name: text(p.model_name) ?? text(p.generation_model) ?? e.model?.name ?? text(p.model),
    model_version: text(p.model_version) ?? e.model?.version ?? null,
    input_tokens: count(p.input_tokens) ?? count(p.prompt_tokens) ?? 0,
    output_tokens: count(p.output_tokens) ?? 0,
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
