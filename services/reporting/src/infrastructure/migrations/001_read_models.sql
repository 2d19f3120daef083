-- Reporting's read models: rebuilt from the event streams at any time; they own no truth.
CREATE TABLE IF NOT EXISTS rm_commitments (
  id          text PRIMARY KEY,
  funder      text NOT NULL,
  doc         jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS rm_commitments_funder ON rm_commitments (funder);

-- The read models' generation: the Kafka consumer group is named after it, so a fresh or rebuilt read model reads
-- every topic from the beginning.
CREATE TABLE IF NOT EXISTS rm_generation (
  id          integer PRIMARY KEY CHECK (id = 1),
  generation  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
