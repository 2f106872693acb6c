-- Up Migration
-- The sealed personal data of an event (the envelope's pii_sealed: one blob per data subject),
-- kept beside its payload, whose pii fields hold only placeholders. A reader with the subject's key
-- opens it; after an erasure nobody can (crypto-shredding, issue 12).
ALTER TABLE domain_events ADD COLUMN pii_sealed jsonb;

-- Down Migration
ALTER TABLE domain_events DROP COLUMN pii_sealed;
