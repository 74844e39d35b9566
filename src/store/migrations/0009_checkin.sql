-- The rounds of a meeting that each member speaks in: the check-in at the start (one line on
-- how they arrive) and the session review at the end (what helped, what they learned about
-- questioning), one of each per person per meeting. The older session_reviews table holds one
-- review for the whole meeting and stays as it is.
CREATE TABLE meeting_checkins (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    line TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (meeting_id, person_id)
);

CREATE TABLE member_reviews (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    helped TEXT NOT NULL DEFAULT '',
    learned_questioning TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (meeting_id, person_id)
);

-- An action not (fully) done can be carried forward: a new open action at the meeting where it
-- was reported, pointing back at the one it continues, so the history of attempts stays.
ALTER TABLE meeting_actions ADD COLUMN carried_from INTEGER REFERENCES meeting_actions(id)
    ON DELETE SET NULL;
CREATE INDEX meeting_actions_carried ON meeting_actions(carried_from);
