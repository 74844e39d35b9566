-- Network surveys: waves per programme (baseline, midpoint, final or any name), relations
-- ("I know them", "I go to them for advice"), the ties each respondent named with an optional
-- strength, who answered each wave, and each participant's consent to how answers are used.
CREATE TABLE network_waves (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    name TEXT NOT NULL COLLATE NOCASE,
    position INTEGER NOT NULL, -- the order of the waves in the programme (1, 2, ...)
    opens_on TEXT,
    closes_on TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (programme_id, name)
);

CREATE TABLE network_relations (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    name TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (programme_id, name)
);

-- One nomination: in wave W, FROM said of TO that RELATION holds, with an optional strength.
CREATE TABLE network_ties (
    wave_id INTEGER NOT NULL REFERENCES network_waves(id) ON DELETE CASCADE,
    relation_id INTEGER NOT NULL REFERENCES network_relations(id) ON DELETE CASCADE,
    from_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    to_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    strength REAL,
    source TEXT NOT NULL DEFAULT 'csv' CHECK (source IN ('csv', 'web')),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (wave_id, relation_id, from_id, to_id),
    CHECK (from_id <> to_id)
) WITHOUT ROWID;
CREATE INDEX network_ties_from ON network_ties(from_id);
CREATE INDEX network_ties_to ON network_ties(to_id);

-- Who answered a wave (a respondent may name nobody), for response rates.
CREATE TABLE network_responses (
    wave_id INTEGER NOT NULL REFERENCES network_waves(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    source TEXT NOT NULL DEFAULT 'csv' CHECK (source IN ('csv', 'web')),
    submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (wave_id, person_id)
) WITHOUT ROWID;

-- Consent as given: the statement shown (kept verbatim, since it may change), and whether the
-- person agreed. The latest record for a person and programme is the one in force.
CREATE TABLE network_consents (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
    statement TEXT NOT NULL,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX network_consents_person ON network_consents(programme_id, person_id, id);
