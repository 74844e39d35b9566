-- Reminders (issue 21): how many days before a meeting its members are reminded, what each
-- recipient was last sent about each meeting, and the one-click unsubscribe links.

-- 0 turns meeting reminders off for the programme.
ALTER TABLE programmes ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 2
    CHECK (reminder_days BETWEEN 0 AND 60);

-- The last iCalendar message each address got for a meeting: its SEQUENCE and whether it was a
-- cancellation, so that a move sends an update and a cancellation reaches those who were told.
CREATE TABLE meeting_reminders (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0,
    at INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, email)
) WITHOUT ROWID;

-- One-click unsubscribe links (RFC 8058): the SHA-256 of the token in one message's link.
CREATE TABLE mail_unsubscribe (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;
