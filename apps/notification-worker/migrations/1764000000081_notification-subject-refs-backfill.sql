-- Up Migration
-- Notifications written before 1764000000075 have no subject_refs, so `eventline erase` could not
-- find the opened copies they hold. Their events' sealed entries are in domain_events (where the
-- audit projector has projected them): the refs are taken from there. Notifications of events
-- domain_events does not hold keep '{}', and are found only by recipient.
UPDATE notifications n
   SET subject_refs = refs.subject_refs
  FROM (
    SELECT d.event_id, array_agg(DISTINCT entry->>'subject_ref') AS subject_refs
      FROM domain_events d
     CROSS JOIN LATERAL jsonb_array_elements(d.pii_sealed) AS entry
     WHERE jsonb_typeof(d.pii_sealed) = 'array'
     GROUP BY d.event_id
  ) AS refs
 WHERE n.event_id = refs.event_id AND n.subject_refs = '{}';

-- Down Migration
-- Nothing to undo: the refs describe the rows as they are.
