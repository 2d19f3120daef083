-- Responses to commands sent with an Idempotency-Key, so a retry gets the first answer and writes nothing.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  principal      text NOT NULL,
  idempotency_key text NOT NULL,
  fingerprint    text NOT NULL,
  state          text NOT NULL CHECK (state IN ('in-progress', 'done')),
  status         integer,
  body           text,
  headers        jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, idempotency_key)
);
