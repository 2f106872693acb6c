-- Up Migration
-- API keys gain scopes (issue 12): publish (the gateway), read (the usage KPI API), or both. Keys
-- made before keep what they could do: publish. A read key names its tenants ('*' is refused),
-- and a key that cannot publish needs no event types.
ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT '{publish}';
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_known CHECK (cardinality(scopes) > 0 AND scopes <@ '{publish,read}'::text[]);
ALTER TABLE api_keys ADD CONSTRAINT api_keys_read_names_tenants CHECK (NOT ('read' = ANY (scopes) AND '*' = ANY (tenant_ids)));
ALTER TABLE api_keys DROP CONSTRAINT api_keys_event_types_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_event_types_check CHECK (cardinality(event_types) > 0 OR NOT 'publish' = ANY (scopes));

-- Down Migration
-- A read-only key cannot be kept without scopes (it would become a publish key): it goes.
DELETE FROM api_keys WHERE NOT 'publish' = ANY (scopes);
ALTER TABLE api_keys DROP CONSTRAINT api_keys_event_types_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_event_types_check CHECK (cardinality(event_types) > 0);
ALTER TABLE api_keys DROP CONSTRAINT api_keys_read_names_tenants;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_scopes_known;
ALTER TABLE api_keys DROP COLUMN scopes;
