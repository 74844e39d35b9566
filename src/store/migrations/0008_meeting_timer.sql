-- The phase timer of a meeting (engine/meetings/timer.h), one row per meeting once started.
-- state: the struct meet_timer serialised by store_meeting_timer.c as integers separated by
-- spaces, so the engine's layout can grow without a migration per field.
CREATE TABLE meeting_timers (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
