/** Top-level fields an HTTP client may send; the publisher fills source and schema_version itself. */
export const EVENT_FIELDS = ['event_type', 'tenant_id', 'entity_id', 'payload', 'entity_type', 'actor', 'event_id', 'occurred_at', 'correlation_id', 'causation_id', 'confidence', 'model'] as const;
