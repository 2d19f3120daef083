-- Whether the current generation was started by a rebuild (`cvl replay`) rather than at the read models' creation:
-- while a rebuild's generation still has a backlog, no replica of reporting starts another.
ALTER TABLE rm_generation ADD COLUMN IF NOT EXISTS rebuild boolean NOT NULL DEFAULT false;
