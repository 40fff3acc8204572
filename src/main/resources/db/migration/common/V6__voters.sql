-- Who cast each vote and from where, as keyed hashes (never a cookie's value or an address), and
-- whether it came too soon after the answers to have been read. A too-fast vote that does not
-- count also carries excluded = 'too_fast'. NULL voter: a vote from before voters were recorded,
-- or an import.
ALTER TABLE votes ADD COLUMN voter TEXT;
ALTER TABLE votes ADD COLUMN address TEXT;
ALTER TABLE votes ADD COLUMN too_fast INTEGER NOT NULL DEFAULT 0;
CREATE INDEX votes_voter ON votes (voter, voted_at);
CREATE INDEX votes_address ON votes (address, voted_at);

-- Secrets the arena makes for itself on first start, shared by every instance on this log: the
-- salt of voter hashes and the key that signs voter cookies.
CREATE TABLE arena_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
