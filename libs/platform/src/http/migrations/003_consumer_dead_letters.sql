-- Messages a consumer received and would not handle: not a valid integration event, or its data not what its
-- contract (contracts/events) says. Set aside with the reason, the consumer goes on with the next; each is an
-- alert, counted in the service's information and in the integrity report.
CREATE TABLE IF NOT EXISTS consumer_dead_letters (
  consumer       text NOT NULL,
  message_id     text NOT NULL,
  topic          text NOT NULL,
  message_type   text NOT NULL,
  reason         text NOT NULL,
  message        jsonb NOT NULL,
  set_aside_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);
