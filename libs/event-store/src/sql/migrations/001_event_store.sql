-- Event store: one row per stream (its current revision and the hash of its last event), one row per event.
CREATE TABLE IF NOT EXISTS streams (
  stream_id      text PRIMARY KEY,
  revision       bigint NOT NULL,
  last_hash      text NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE IF NOT EXISTS events_position_seq AS bigint;

CREATE TABLE IF NOT EXISTS events (
  position        bigint PRIMARY KEY DEFAULT nextval('events_position_seq'),
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text NOT NULL,
  revision        bigint NOT NULL,
  event_id        text NOT NULL UNIQUE,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  recorded_at     text NOT NULL,
  hash            text NOT NULL,
  UNIQUE (stream_id, revision)
);

-- Readers follow (transaction_id, position) below the oldest transaction still running, so an event committed
-- late by a concurrent writer is never skipped.
CREATE INDEX IF NOT EXISTS events_global_order ON events (transaction_id, position);

-- Events are immutable: corrections are new events. Tampering needs a superuser to drop this guard, and the hash
-- chain still shows it.
CREATE OR REPLACE FUNCTION events_are_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: append a correcting event instead (%)', TG_OP;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS events_immutable ON events;
CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_are_immutable();

-- Durable positions of subscriptions (the relay, projections) in the global order.
CREATE TABLE IF NOT EXISTS checkpoints (
  name            text PRIMARY KEY,
  commit_id       numeric(20, 0) NOT NULL,
  position        bigint NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Event ids already handled by an idempotent consumer, written in the same transaction as its effect.
CREATE TABLE IF NOT EXISTS processed_events (
  consumer        text NOT NULL,
  event_id        text NOT NULL,
  processed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
