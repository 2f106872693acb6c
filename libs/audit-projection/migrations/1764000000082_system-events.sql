-- Up Migration
-- Seed 003's system_events table, as a view over domain_events: the audit projector already keeps
-- every event there, so a second copy would only drift. Its columns, from the envelope:
--   event_type      the catalog's category of the event (auth, post, schedule, …), from event_categories
--   event_name      the event type (USER_LOGIN, SCHEDULE_FAILED, …)
--   principal_id/_type   the actor; resource_type/_id   the entity
--   status          the payload's status (success, failed, pending), where its contract has one
--   metadata        the rest of the payload: its pii fields hold only placeholders (1764000000073)
--   timestamp       when it happened (occurred_at)
-- plus id (the event id) and tenant_id.

-- The catalog's category of each event type. `eventline db migrate` writes it from the catalog it
-- ships after migrating; a type it no longer ships keeps its row, for the events already stored.
CREATE TABLE event_categories (
  event_type text PRIMARY KEY,
  category   text NOT NULL
);

-- security_invoker: the querying role's privileges and row-level security apply, so a tenant-bound
-- reader sees only its tenant's events here, as in domain_events (not the view owner's rights).
CREATE VIEW system_events WITH (security_invoker = true) AS
SELECT d.event_id                                            AS id,
       d.tenant_id,
       c.category                                            AS event_type,
       d.event_type                                          AS event_name,
       d.actor_id                                            AS principal_id,
       d.actor_type                                          AS principal_type,
       d.entity_type                                         AS resource_type,
       d.entity_id                                           AS resource_id,
       d.payload->>'status'                                  AS status,
       d.payload - 'status' - 'ip_address' - 'user_agent'    AS metadata,
       d.occurred_at                                         AS "timestamp"
  FROM domain_events d
  LEFT JOIN event_categories c ON c.event_type = d.event_type;

-- Read like domain_events: by tenant-bound roles, through their row-level security.
GRANT SELECT ON system_events, event_categories TO eventline_tenant_reader;

-- Down Migration
DROP VIEW system_events;
DROP TABLE event_categories;
