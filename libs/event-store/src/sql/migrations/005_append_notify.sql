-- Followers of the log in other processes (a relay of another replica, a service beside `cvl import`) are told of
-- each append rather than waiting out their polling delay: one notification per statement that inserts events,
-- sent at commit (none if it rolls back), on a channel named after the store's schema (left to 63 characters,
-- PostgreSQL's limit; PgSqlClient.listen names it the same way). It carries only the writing client's instance
-- (its `cvl.instance` setting), so a process does not wake itself twice; the follower reads the log.
CREATE OR REPLACE FUNCTION events_notify_appended() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify(left('cvl_appended_' || TG_TABLE_SCHEMA, 63), coalesce(current_setting('cvl.instance', true), ''));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS events_appended ON events;
CREATE TRIGGER events_appended AFTER INSERT ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_notify_appended();
