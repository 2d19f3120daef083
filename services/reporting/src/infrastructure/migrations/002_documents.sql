-- Operations (renewal-urban, iti-feder) and envelopes (funders' budgets, ITI axes), one JSON document each, by kind.
CREATE TABLE IF NOT EXISTS rm_documents (
  kind        text NOT NULL,
  id          text NOT NULL,
  doc         jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);
