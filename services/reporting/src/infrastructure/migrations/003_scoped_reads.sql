-- A financeur's views read its own commitments on the funder index; the parts of its pools are found on this one
-- (a pool's parts name their pool), not by reading every document.
CREATE INDEX IF NOT EXISTS rm_commitments_pool ON rm_commitments ((doc->>'poolId')) WHERE doc ? 'poolId';
