-- An append in one round trip, when the writer already knows what it builds on: the stream's head (revision and
-- last hash) and, on a signed store, the signed log's state, both as this process last committed them. The
-- function takes the same advisory lock as every append, checks each of them is still so, and writes; anything
-- moved and it raises one of the codes below, writing nothing (the statement is its own transaction): the writer
-- then reads under the lock and writes, as before. The events' hashes and the head's signature come from the
-- writer: the database never holds the key.
--   CVL01  the signed log's state is not the one expected (another process appended, or the row was changed)
--   CVL02  the stream's head is not the one expected
--   CVL03  a newer event of the stream shares one of the condition's tags
CREATE OR REPLACE FUNCTION cvl_append(
  p_lock bigint, p_stream text, p_current bigint, p_previous_hash text, p_new_revision bigint, p_new_hash text,
  p_recorded_at text, p_events jsonb, p_after bigint, p_tags text[],
  p_expected_head jsonb, p_expected_frontier jsonb, p_head jsonb, p_frontier jsonb
) RETURNS SETOF events AS $$
BEGIN
  IF p_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock);
  END IF;
  IF p_head IS NOT NULL THEN
    UPDATE signed_log_state SET head = p_head, frontier = p_frontier
      WHERE singleton AND head = p_expected_head AND frontier = p_expected_frontier;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'signed log state moved' USING ERRCODE = 'CVL01';
    END IF;
    INSERT INTO signed_tree_heads (sequence, tree_size, head)
      VALUES ((p_head->>'sequence')::bigint, (p_head->>'treeSize')::bigint, p_head);
  END IF;
  IF p_current < 0 THEN
    -- A stream created meanwhile fails here on its primary key, as the append read under the lock would.
    INSERT INTO streams (stream_id, revision, last_hash) VALUES (p_stream, p_new_revision, p_new_hash);
  ELSE
    UPDATE streams SET revision = p_new_revision, last_hash = p_new_hash, updated_at = now()
      WHERE stream_id = p_stream AND revision = p_current AND last_hash = p_previous_hash;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'stream head moved' USING ERRCODE = 'CVL02';
    END IF;
  END IF;
  IF p_tags IS NOT NULL AND EXISTS (
    SELECT 1 FROM events e WHERE e.stream_id = p_stream AND e.revision > p_after AND e.tags && p_tags
  ) THEN
    RAISE EXCEPTION 'tag condition failed' USING ERRCODE = 'CVL03';
  END IF;
  RETURN QUERY
    INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash, leaf_index, tags)
    SELECT p_stream, r.revision, r.event_id, r.type, r.schema_version, r.data, r.metadata, p_recorded_at, r.hash, r.leaf_index, r.tags
    FROM jsonb_to_recordset(p_events) AS r(revision bigint, event_id text, type text, schema_version integer, data jsonb, metadata jsonb, hash text, leaf_index bigint, tags text[])
    RETURNING *;
END;
$$ LANGUAGE plpgsql;
