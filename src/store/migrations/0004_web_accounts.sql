-- Web accounts: who may log in, with which role, and the state that logging in needs (sessions,
-- API tokens, one-time invitations, failed attempts for rate limiting). Secrets are stored only
-- as hashes: a stolen database copy does not log anybody in.

-- role: 'admin' (programme lead), 'facilitator', 'participant'. person_id links the account to
-- the person it is, when it is one (participants always are; an admin may not be).
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'facilitator', 'participant')),
    person_id INTEGER UNIQUE REFERENCES people(id) ON DELETE SET NULL,
    password_hash TEXT, -- libsodium crypto_pwhash_str (Argon2id); NULL until set
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

-- token_hash is the SHA-256 (hex) of the cookie value. Times are Unix seconds.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- One-time links that set a password. used_at is set when the link is used.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) WITHOUT ROWID;

-- Failed logins by key (the email, lower-cased, and the client address), for rate limiting.
CREATE TABLE login_attempts (
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts(key, at);
