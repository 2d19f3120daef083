-- Events the transport will never take (too large, refused as invalid), set aside by the relay so that it does not
-- stop on them; each is an alert, shown in the integrity report and in readiness until someone deals with it.
CREATE TABLE IF NOT EXISTS relay_dead_letters (
  relay          text NOT NULL,
  event_id       text NOT NULL,
  stream_id      text NOT NULL,
  revision       bigint NOT NULL,
  event_type     text NOT NULL,
  reason         text NOT NULL,
  set_aside_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (relay, event_id)
);
