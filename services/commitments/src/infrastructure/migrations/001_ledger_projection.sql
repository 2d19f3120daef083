-- The ledger's queries, as SQL projections of its stream (never a replay per request). Written by the ledger as it
-- folds new events (right after each append), idempotent per (revision, commitment): two processes writing the
-- same rows agree, and a process that died before writing leaves them to the next catch-up.

-- One row per commitment touched by an event: its figures' deltas, and its state after the event.
CREATE TABLE IF NOT EXISTS ledger_movements (
  revision          bigint NOT NULL,
  commitment_id     text NOT NULL,
  funder            text NOT NULL,
  status            text NOT NULL,
  is_pool           boolean NOT NULL,
  condition_id      text,
  attribution       jsonb NOT NULL,
  act               jsonb,
  effective_date    text NOT NULL,
  recorded_at       timestamptz NOT NULL,
  d_indicative      bigint NOT NULL,
  d_conditional     bigint NOT NULL,
  d_firm            bigint NOT NULL,
  d_paid            bigint NOT NULL,
  d_outstanding     bigint NOT NULL,
  d_released        bigint NOT NULL,
  d_pending_net     bigint NOT NULL,
  d_posted_net      bigint NOT NULL,
  PRIMARY KEY (revision, commitment_id)
);

-- A funder's statement (its rows, by date), a commitment's own rows.
CREATE INDEX IF NOT EXISTS ledger_movements_funder ON ledger_movements (funder, effective_date);
CREATE INDEX IF NOT EXISTS ledger_movements_commitment ON ledger_movements (commitment_id, revision);

-- The ledger's totals moved by each event.
CREATE TABLE IF NOT EXISTS ledger_totals_movements (
  revision          bigint PRIMARY KEY,
  effective_date    text NOT NULL,
  recorded_at       timestamptz NOT NULL,
  d_debits_posted   bigint NOT NULL,
  d_credits_posted  bigint NOT NULL,
  d_debits_pending  bigint NOT NULL,
  d_credits_pending bigint NOT NULL
);

-- A commitment's history, a line per event that touched it, as the API shows it.
CREATE TABLE IF NOT EXISTS ledger_history (
  commitment_id     text NOT NULL,
  revision          bigint NOT NULL,
  entry             jsonb NOT NULL,
  PRIMARY KEY (commitment_id, revision)
);

-- How far the projection goes in the ledger's stream.
CREATE TABLE IF NOT EXISTS ledger_projection (
  name              text PRIMARY KEY,
  revision          bigint NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
