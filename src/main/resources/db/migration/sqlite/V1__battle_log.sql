-- The battle log: the source of truth every board is computed from.
CREATE TABLE battles (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    prompt      TEXT NOT NULL,
    model_a     TEXT NOT NULL,
    model_b     TEXT NOT NULL,
    size_a      REAL,
    size_b      REAL,
    status      TEXT NOT NULL CHECK (status IN ('generating', 'ready', 'failed')),
    failure     TEXT,
    imported    INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT,
    CHECK (model_a <> model_b)
);

CREATE INDEX battles_model_a ON battles (model_a);
CREATE INDEX battles_model_b ON battles (model_b);

CREATE TABLE answers (
    battle_id         TEXT NOT NULL REFERENCES battles (id),
    side              TEXT NOT NULL CHECK (side IN ('a', 'b')),
    text              TEXT NOT NULL,
    eval_count        INTEGER,
    tokens_per_second REAL,
    ttft_ms           INTEGER,
    total_ms          INTEGER,
    done_reason       TEXT,
    error             TEXT,
    PRIMARY KEY (battle_id, side)
);

-- One row per vote; seq is the order votes were acknowledged, which the ELO replay follows.
CREATE TABLE votes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    battle_id TEXT NOT NULL UNIQUE REFERENCES battles (id),
    outcome   TEXT NOT NULL CHECK (outcome IN ('a', 'b', 'tie', 'both_bad')),
    voted_at  TEXT NOT NULL
);
