-- Up Migration
-- The W3C trace context (traceparent, tracestate) active when a row was written, beside the event
-- rather than inside it: it is how the event was produced, not what it says. The relay publishes
-- each row with it in the Kafka headers, so a trace survives the outbox hop. NULL: written untraced.
ALTER TABLE outbox ADD COLUMN trace_context jsonb;

-- Rows still to publish that carried it inside `event` (as the writer stored it before) keep it.
UPDATE outbox
   SET trace_context = jsonb_strip_nulls(jsonb_build_object('traceparent', event->'traceparent', 'tracestate', event->'tracestate'))
 WHERE published_at IS NULL AND failed_at IS NULL AND event ? 'traceparent';

-- Down Migration
ALTER TABLE outbox DROP COLUMN trace_context;
