-- When the voter asked for a new pair instead of voting (the battle is then closed, never
-- votable, never counted); NULL for every other battle.
ALTER TABLE battles ADD COLUMN skipped_at TEXT;
