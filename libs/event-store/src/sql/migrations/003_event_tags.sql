-- Tags: what each event concerns (« envelope:… », « commitment:… »), the consistency boundary of the decision
-- that wrote it. An append conditioned on tags looks for newer events of its stream sharing one (a range of the
-- (stream_id, revision) index, short: the writer's state is recent); the GIN index serves reads by tag.
ALTER TABLE events ADD COLUMN IF NOT EXISTS tags text[];

CREATE INDEX IF NOT EXISTS events_tags ON events USING gin (tags);

-- Immutability covers the tags too (the hash chain does as well); the one exception stays the first placement of
-- an event from before signing in the signed log.
CREATE OR REPLACE FUNCTION events_are_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.leaf_index IS NULL AND NEW.leaf_index IS NOT NULL
     AND (NEW.position, NEW.transaction_id, NEW.stream_id, NEW.revision, NEW.event_id, NEW.type, NEW.schema_version, NEW.data, NEW.metadata, NEW.recorded_at, NEW.hash, NEW.tags)
         IS NOT DISTINCT FROM
         (OLD.position, OLD.transaction_id, OLD.stream_id, OLD.revision, OLD.event_id, OLD.type, OLD.schema_version, OLD.data, OLD.metadata, OLD.recorded_at, OLD.hash, OLD.tags) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'events are immutable: append a correcting event instead (%)', TG_OP;
END;
$$ LANGUAGE plpgsql;
