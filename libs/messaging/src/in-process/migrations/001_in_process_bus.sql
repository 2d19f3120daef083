-- The embedded mode's transport, kept in the event store's own database: every topic's messages in order and every
-- group's committed position, so that a rebuild after a restart reads what was published before it.
CREATE TABLE IF NOT EXISTS bus_topics (
  topic        text PRIMARY KEY,
  next_offset  bigint NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS bus_messages (
  topic        text NOT NULL,
  message_offset bigint NOT NULL,
  envelope     jsonb NOT NULL,
  PRIMARY KEY (topic, message_offset)
);

CREATE TABLE IF NOT EXISTS bus_offsets (
  group_id     text NOT NULL,
  topic        text NOT NULL,
  committed    bigint NOT NULL,
  PRIMARY KEY (group_id, topic)
);
