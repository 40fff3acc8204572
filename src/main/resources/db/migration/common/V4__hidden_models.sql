-- Models an operator has hidden from the boards (POST /api/admin/models/{tag}/hide). Their
-- battles still count for their opponents; only their own rows are not shown.
CREATE TABLE hidden_models (
    tag       TEXT PRIMARY KEY,
    hidden_at TEXT NOT NULL
);
