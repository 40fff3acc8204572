-- Each (tag, Ollama digest) the arena has battled with, and when it first did: a tag pulled again
-- names other weights, which the Bradley-Terry board shows as a new entrant. Small: one row per
-- version, written when a battle starts with a version not seen before.
CREATE TABLE model_versions (
    tag        TEXT NOT NULL,
    digest     TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (tag, digest)
);
