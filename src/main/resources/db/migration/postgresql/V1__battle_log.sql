-- The battle log on PostgreSQL: the same tables as sqlite/V1__battle_log.sql. SQLite numbers
-- every row (rowid) and the log is read in that order; here battles carry that number as a
-- column of the same name, so every query reads the same on both.
CREATE TABLE battles (
    id          TEXT PRIMARY KEY,
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    created_at  TEXT NOT NULL,
    prompt      TEXT NOT NULL,
    model_a     TEXT NOT NULL,
    model_b     TEXT NOT NULL,
    size_a      DOUBLE PRECISION,
    size_b      DOUBLE PRECISION,
    status      TEXT NOT NULL CHECK (status IN ('generating', 'ready', 'failed')),
    failure     TEXT,
    imported    INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT,
    CHECK (model_a <> model_b)
);

CREATE INDEX battles_model_a ON battles (model_a, rowid);
CREATE INDEX battles_model_b ON battles (model_b, rowid);

CREATE TABLE answers (
    battle_id         TEXT NOT NULL REFERENCES battles (id),
    side              TEXT NOT NULL CHECK (side IN ('a', 'b')),
    text              TEXT NOT NULL,
    eval_count        INTEGER,
    tokens_per_second DOUBLE PRECISION,
    ttft_ms           INTEGER,
    total_ms          INTEGER,
    done_reason       TEXT,
    error             TEXT,
    PRIMARY KEY (battle_id, side)
);

-- One row per vote; seq is the order votes were acknowledged, which the ELO replay follows.
CREATE TABLE votes (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    battle_id TEXT NOT NULL UNIQUE REFERENCES battles (id),
    outcome   TEXT NOT NULL CHECK (outcome IN ('a', 'b', 'tie', 'both_bad')),
    voted_at  TEXT NOT NULL
);
