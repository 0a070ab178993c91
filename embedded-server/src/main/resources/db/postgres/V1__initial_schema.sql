-- Confab schema on PostgreSQL, version 1: the same tables and meaning as the SQLite schema (db/migration), shared
-- by every server node. Times are UTC milliseconds since 1970.

-- Facts about this database. 'epoch' names the history the seqs count in: random, made with the database.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO meta (key, value) VALUES ('epoch', replace(gen_random_uuid()::text, '-', ''));

-- Secrets every node must share: the token signing key ('token_key'), made by the first node that needs it.
CREATE TABLE secrets (
    name       TEXT   PRIMARY KEY,
    value      BYTEA  NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE accounts (
    user_id       TEXT    PRIMARY KEY,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,   -- lower-case form: names are unique without regard to case
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    token_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rooms (
    room       TEXT   PRIMARY KEY,
    last_seq   BIGINT NOT NULL DEFAULT 0,   -- the seq of the newest message; taken under this row's lock
    created_at BIGINT NOT NULL
);

CREATE TABLE messages (
    room       TEXT    NOT NULL REFERENCES rooms (room),
    seq        BIGINT  NOT NULL,
    user_id    TEXT    NOT NULL,
    username   TEXT    NOT NULL,
    client_id  TEXT,
    content    TEXT,                          -- NULL once deleted
    reply_to   BIGINT,
    metadata   TEXT,
    created_at BIGINT  NOT NULL,
    edited_at  BIGINT,
    deleted    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (room, seq)
);

-- A resend with the same (room, user, client id) finds the stored message instead of making a new one.
CREATE UNIQUE INDEX messages_client_id ON messages (room, user_id, client_id) WHERE client_id IS NOT NULL;

CREATE TABLE room_members (
    room      TEXT   NOT NULL REFERENCES rooms (room),
    user_id   TEXT   NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (room, user_id)
);
