-- Up Migration
-- The outbox relay publishes what domain services wrote to the outbox, so it is the one that seals
-- their personal data (1764000000072): it makes and reads subject keys like the gateway.
GRANT SELECT, INSERT ON subject_keys TO eventline_outbox_relay;
DROP POLICY app_access ON subject_keys;
CREATE POLICY app_access ON subject_keys TO eventline_ingest_gateway, eventline_outbox_writer, eventline_outbox_relay, eventline_notification_worker, eventline_moderation_worker
  USING (true) WITH CHECK (true);

-- Down Migration
DROP POLICY app_access ON subject_keys;
CREATE POLICY app_access ON subject_keys TO eventline_ingest_gateway, eventline_outbox_writer, eventline_notification_worker, eventline_moderation_worker
  USING (true) WITH CHECK (true);
REVOKE ALL ON subject_keys FROM eventline_outbox_relay;
