-- Confab schema, version 1. Times are UTC milliseconds since 1970; text is UTF-8.

-- Facts about this database. 'epoch' names the history the seqs count in: random, made with the database.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('epoch', lower(hex(randomblob(16))));

CREATE TABLE accounts (
    user_id       TEXT    PRIMARY KEY,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,   -- lower-case form: names are unique without regard to case
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    token_version INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE rooms (
    room       TEXT    PRIMARY KEY,
    last_seq   INTEGER NOT NULL DEFAULT 0,  -- the seq of the newest message; the next one gets last_seq + 1
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE messages (
    room       TEXT    NOT NULL REFERENCES rooms (room),
    seq        INTEGER NOT NULL,
    user_id    TEXT    NOT NULL,
    username   TEXT    NOT NULL,
    client_id  TEXT,
    content    TEXT,                         -- NULL once deleted
    reply_to   INTEGER,
    metadata   TEXT,
    created_at INTEGER NOT NULL,
    edited_at  INTEGER,
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    PRIMARY KEY (room, seq)
) STRICT, WITHOUT ROWID;

-- A resend with the same (room, user, client id) finds the stored message instead of making a new one.
CREATE UNIQUE INDEX messages_client_id ON messages (room, user_id, client_id) WHERE client_id IS NOT NULL;

CREATE TABLE room_members (
    room      TEXT    NOT NULL REFERENCES rooms (room),
    user_id   TEXT    NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (room, user_id)
) STRICT, WITHOUT ROWID;
