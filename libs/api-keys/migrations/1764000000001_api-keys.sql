-- Up Migration
-- Keys for the HTTP ingest gateway, scoped to tenants and event types. Only a SHA-256 hash of each
-- key is stored; the key itself is shown once, when it is created.
CREATE TABLE api_keys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  key_prefix  text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  -- Tenants the key may publish for; '*' allows every tenant.
  tenant_ids  text[] NOT NULL CHECK (cardinality(tenant_ids) > 0),
  -- Event types the key may publish: exact names, or prefixes ending in '*'.
  event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Down Migration
DROP TABLE api_keys;
