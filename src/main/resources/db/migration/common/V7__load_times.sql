-- Ollama's load_duration per answer, in ms: the part of the time to first token spent loading
-- the model. Null for answers stored before it was recorded.
ALTER TABLE answers ADD COLUMN load_ms BIGINT;
