-- Meetings of action learning sets: series and meetings (with iCalendar UID and SEQUENCE),
-- attendance, the quorum per programme, ground rules, presentations and their questions,
-- actions carried forward, session reviews, private journals and calendar feed tokens.
ALTER TABLE programmes ADD COLUMN meeting_quorum INTEGER NOT NULL DEFAULT 4;

-- rule: '4w' or 'monthly', as given; tzid: the IANA zone the wall-clock times were meant in.
CREATE TABLE meeting_series (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    tzid TEXT NOT NULL,
    duration_min INTEGER NOT NULL CHECK (duration_min > 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX meeting_series_set ON meeting_series(set_id);

-- Times are UTC ("YYYY-MM-DDTHH:MM:SSZ"). uid never changes; sequence grows on every change a
-- calendar must see (move, cancel), so calendars update the event instead of duplicating it.
-- facilitator_id overrides the set's facilitator for this meeting (self-facilitation).
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    series_id INTEGER REFERENCES meeting_series(id) ON DELETE SET NULL,
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    uid TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL DEFAULT 0,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    tzid TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    facilitator_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_set ON meetings(set_id, starts_at);

CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('present', 'apologies', 'absent')),
    PRIMARY KEY (meeting_id, person_id)
) WITHOUT ROWID;

CREATE TABLE set_ground_rules (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX set_ground_rules_set ON set_ground_rules(set_id, position);

-- bid_min: the time the presenter bid for (NULL when time is shared equally);
-- airtime_s: the time the presentation took, saved from the phase timer.
CREATE TABLE presentations (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    presenter_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    bid_min INTEGER CHECK (bid_min IS NULL OR bid_min > 0),
    airtime_s INTEGER NOT NULL DEFAULT 0,
    UNIQUE (meeting_id, presenter_id)
);

CREATE TABLE meeting_questions (
    id INTEGER PRIMARY KEY,
    presentation_id INTEGER NOT NULL REFERENCES presentations(id) ON DELETE CASCADE,
    asker_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'unmarked' CHECK (kind IN ('unmarked', 'open', 'closed')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX meeting_questions_presentation ON meeting_questions(presentation_id);

-- An action is made at meeting_id and reported back at reported_meeting_id.
CREATE TABLE meeting_actions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    owner_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    due_on TEXT,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'done', 'partly', 'not_done')),
    learned TEXT NOT NULL DEFAULT '',
    reported_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
);
CREATE INDEX meeting_actions_owner ON meeting_actions(owner_id, status);
CREATE INDEX meeting_actions_meeting ON meeting_actions(meeting_id);

CREATE TABLE session_reviews (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    helped TEXT NOT NULL DEFAULT '',
    learned_questioning TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE journal_entries (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX journal_entries_person ON journal_entries(person_id, created_at);

-- Only the SHA-256 of a feed token is kept: a leaked database does not leak calendar URLs.
CREATE TABLE calendar_tokens (
    token_hash BLOB PRIMARY KEY,
    person_id INTEGER NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
) WITHOUT ROWID;
