-- Bumped by every change that rewrites the boards rather than adding a vote (voiding a vote,
-- hiding or showing a model), so arena instances sharing the log notice and rebuild theirs.
CREATE TABLE log_changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO log_changes (id, version) VALUES (1, 0);
