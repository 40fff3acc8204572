-- Each battle's prompt categories as ",coding,english," (so one LIKE finds a category), "," for
-- none, NULL until the classifier has seen it: battles logged before categories existed are
-- classified in the background after start.
ALTER TABLE battles ADD COLUMN categories TEXT;
-- Markdown in each answer, for the style-controlled board; NULL until counted (in the background).
ALTER TABLE answers ADD COLUMN headers INTEGER;
ALTER TABLE answers ADD COLUMN list_items INTEGER;
ALTER TABLE answers ADD COLUMN bold INTEGER;
-- Ollama's digest of each side's model as the battle started: a re-pulled tag is another model.
-- NULL where unknown (older battles, or Ollama did not say).
ALTER TABLE battles ADD COLUMN digest_a TEXT;
ALTER TABLE battles ADD COLUMN digest_b TEXT;
