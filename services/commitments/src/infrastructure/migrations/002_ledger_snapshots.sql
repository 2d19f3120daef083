-- The ledger's state as a process folded it up to a revision, so that a restart folds only what came after
-- (start-up bounded by the state's size, not the log's). Derived: dropping the row costs one full fold. Sealed
-- with the log's key over its bytes, its revision, the hash of the event at that revision and its format: a row
-- written by anyone without the key, or for another log, is never built on (the ledger folds from the start).
CREATE TABLE IF NOT EXISTS ledger_snapshots (
  name        text PRIMARY KEY,
  revision    bigint NOT NULL,
  event_hash  text NOT NULL,
  format      integer NOT NULL,
  state       bytea NOT NULL,
  seal        text NOT NULL,
  taken_at    timestamptz NOT NULL DEFAULT now()
);
