-- Mail: the outbox that the sender delivers from, and who turned reminders off. A message is
-- written here in the same transaction as the event that causes it, whole (headers and MIME
-- body), so that a retry sends the same bytes with the same Message-ID.

-- idem_key says what the message is (kind, subject and recipient, such as
-- 'invitation:<hash>:ana@example.org'): a second message for the same thing is not queued.
-- status: 'pending' (due at next_at), 'sending' (claimed by claimed_by at claimed_at; a claim
-- whose process has gone is taken back), 'sent', 'failed' (permanent; last_error says why).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    idem_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    message_id TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    claimed_by INTEGER,
    claimed_at INTEGER,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_at);

-- People who turned reminders off (security mail is always sent). Keyed by email, because
-- reminders go to members whether or not they have an account.
CREATE TABLE mail_optout (
    email TEXT PRIMARY KEY,
    at INTEGER NOT NULL
) WITHOUT ROWID;

-- Addresses an account has logged in from (email lower-cased, the client address), so that the
-- owner's usual place is not slowed down by an attacker's failures elsewhere.
CREATE TABLE login_known (
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (email, address)
) WITHOUT ROWID;

-- An admin may disable an account: it cannot log in, and its sessions and tokens stop working,
-- until enabled again. Unix seconds; NULL while the account is enabled.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
