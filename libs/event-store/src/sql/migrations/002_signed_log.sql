-- The signed log: every event takes a place (leaf_index) in one Merkle tree per store, in the transaction that
-- appends it; the same transaction signs the new tree head with a key the database never sees. A row inserted by
-- SQL has no place, or a place no signed head covers.
ALTER TABLE events ADD COLUMN IF NOT EXISTS leaf_index bigint;

CREATE UNIQUE INDEX IF NOT EXISTS events_leaf_index ON events (leaf_index);

-- The current head (one row, locked by each append: the tree grows one transaction at a time) with the right edge
-- of the tree, enough to extend it; the writer checks its signature before building on it.
CREATE TABLE IF NOT EXISTS signed_log_state (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  head        jsonb NOT NULL,
  frontier    jsonb NOT NULL
);

-- Every head signed, in order: an auditor finds the first one that no longer matches, and so where a change is.
CREATE TABLE IF NOT EXISTS signed_tree_heads (
  sequence    bigint PRIMARY KEY,
  tree_size   bigint NOT NULL,
  head        jsonb NOT NULL
);

-- Events stay immutable, with one exception: a store that existed before signing gives its events their places
-- once (leaf_index from NULL to a value, nothing else changed), when the first head is signed.
CREATE OR REPLACE FUNCTION events_are_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.leaf_index IS NULL AND NEW.leaf_index IS NOT NULL
     AND (NEW.position, NEW.transaction_id, NEW.stream_id, NEW.revision, NEW.event_id, NEW.type, NEW.schema_version, NEW.data, NEW.metadata, NEW.recorded_at, NEW.hash)
         IS NOT DISTINCT FROM
         (OLD.position, OLD.transaction_id, OLD.stream_id, OLD.revision, OLD.event_id, OLD.type, OLD.schema_version, OLD.data, OLD.metadata, OLD.recorded_at, OLD.hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'events are immutable: append a correcting event instead (%)', TG_OP;
END;
$$ LANGUAGE plpgsql;
