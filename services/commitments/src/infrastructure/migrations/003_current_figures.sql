-- The figures as they stand now, kept by the projection as it writes (each movement inserted adds its deltas; the
-- latest movement gives the state): a statement, the balances or the check of views against the ledger at the
-- present read one row per commitment (or one row), not every movement since the first. A point in time (asOf,
-- knownAt) still sums the movements. Exact and idempotent: only movements actually inserted count, once.
CREATE TABLE IF NOT EXISTS ledger_current (
  commitment_id     text PRIMARY KEY,
  revision          bigint NOT NULL,
  funder            text NOT NULL,
  status            text NOT NULL,
  is_pool           boolean NOT NULL,
  condition_id      text,
  attribution       jsonb NOT NULL,
  act               jsonb,
  indicative        bigint NOT NULL,
  conditional       bigint NOT NULL,
  firm              bigint NOT NULL,
  paid              bigint NOT NULL,
  outstanding       bigint NOT NULL,
  released          bigint NOT NULL,
  pending_net       bigint NOT NULL,
  posted_net        bigint NOT NULL
);

CREATE INDEX IF NOT EXISTS ledger_current_funder ON ledger_current (funder, commitment_id);

-- The commitments whose view disagrees with their account: normally none, so the check reads an empty index.
CREATE INDEX IF NOT EXISTS ledger_current_disagreements ON ledger_current (commitment_id)
  WHERE indicative + conditional <> pending_net OR (CASE WHEN status = 'firm' THEN outstanding ELSE 0 END) <> posted_net;

CREATE TABLE IF NOT EXISTS ledger_totals_current (
  name              text PRIMARY KEY,
  debits_posted     bigint NOT NULL,
  credits_posted    bigint NOT NULL,
  debits_pending    bigint NOT NULL,
  credits_pending   bigint NOT NULL
);

-- A projection written before this table existed: its sums, once.
INSERT INTO ledger_current (commitment_id, revision, funder, status, is_pool, condition_id, attribution, act,
  indicative, conditional, firm, paid, outstanding, released, pending_net, posted_net)
SELECT commitment_id, max(revision),
  (array_agg(funder ORDER BY revision DESC))[1], (array_agg(status ORDER BY revision DESC))[1], (array_agg(is_pool ORDER BY revision DESC))[1],
  (array_agg(condition_id ORDER BY revision DESC))[1], (array_agg(attribution ORDER BY revision DESC))[1], (array_agg(act ORDER BY revision DESC))[1],
  sum(d_indicative)::bigint, sum(d_conditional)::bigint, sum(d_firm)::bigint, sum(d_paid)::bigint, sum(d_outstanding)::bigint, sum(d_released)::bigint,
  sum(d_pending_net)::bigint, sum(d_posted_net)::bigint
FROM ledger_movements GROUP BY commitment_id
ON CONFLICT (commitment_id) DO NOTHING;

INSERT INTO ledger_totals_current (name, debits_posted, credits_posted, debits_pending, credits_pending)
SELECT 'commitments-ledger', sum(d_debits_posted)::bigint, sum(d_credits_posted)::bigint, sum(d_debits_pending)::bigint, sum(d_credits_pending)::bigint
FROM ledger_totals_movements HAVING count(*) > 0
ON CONFLICT (name) DO NOTHING;
