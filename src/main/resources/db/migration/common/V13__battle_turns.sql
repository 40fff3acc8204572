-- Follow-up turns before the vote: turn 1 stays in battles (its prompt) and answers; every later
-- turn's prompt is here, its two answers in turn_answers. The vote covers the whole conversation.
CREATE TABLE turns (
    battle_id   TEXT    NOT NULL REFERENCES battles (id),
    turn        INTEGER NOT NULL CHECK (turn >= 2),
    prompt      TEXT    NOT NULL,
    asked_at    TEXT    NOT NULL,
    finished_at TEXT,
    PRIMARY KEY (battle_id, turn)
);

CREATE TABLE turn_answers (
    battle_id         TEXT    NOT NULL,
    turn              INTEGER NOT NULL,
    side              TEXT    NOT NULL CHECK (side IN ('a', 'b')),
    text              TEXT    NOT NULL,
    eval_count        INTEGER,
    tokens_per_second DOUBLE PRECISION,
    ttft_ms           BIGINT,
    total_ms          BIGINT,
    done_reason       TEXT,
    error             TEXT,
    load_ms           BIGINT,
    PRIMARY KEY (battle_id, turn, side),
    FOREIGN KEY (battle_id, turn) REFERENCES turns (battle_id, turn)
);
