-- Models voters would like to see in the arena: one row per (tag, voter), so a voter who suggests
-- the same tag again counts once (their latest reason and time replace the earlier ones). The voter
-- is the same keyed hash the votes carry (cookie, else address), never a cookie's value.
CREATE TABLE model_suggestions (
    tag          TEXT NOT NULL,
    voter        TEXT NOT NULL,
    reason       TEXT NOT NULL,
    suggested_at TEXT NOT NULL,
    PRIMARY KEY (tag, voter)
);
CREATE INDEX model_suggestions_at ON model_suggestions (suggested_at);
