-- Up Migration
-- The transactional outbox: producers insert rows in their own transaction; outbox-relay publishes
-- committed rows in order per tenant and marks them published.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  event_id     uuid NOT NULL UNIQUE,
  tenant_id    text NOT NULL,
  event_type   text NOT NULL,
  -- The validated producer input (envelope fields and payload), replayed through the publisher.
  event        jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  -- Set when the row can never be published (it no longer satisfies its contract): kept for
  -- operators, skipped by the relay so the rest of the stream moves on.
  failed_at    timestamptz
);

CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;

-- NOTIFY is delivered on commit, so the relay wakes exactly when there is something to publish.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('eventline_outbox', '');
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Down Migration
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION outbox_notify();
DROP TABLE outbox;
