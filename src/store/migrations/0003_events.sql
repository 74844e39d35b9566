-- Mixer events of a programme (issue 4): the request, the generated schedule per round, person
-- and table, the absences marked on the day, and how many leading rounds are locked (played).
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    group_size INTEGER NOT NULL CHECK (group_size BETWEEN 2 AND 64),
    rounds INTEGER NOT NULL CHECK (rounds BETWEEN 1 AND 100),
    seed INTEGER NOT NULL DEFAULT 1,
    locked_rounds INTEGER NOT NULL DEFAULT 0, -- rounds 1..locked_rounds are kept on re-planning
    generated INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0, 1)),
    repeat_pairs INTEGER NOT NULL DEFAULT 0,
    max_meetings INTEGER NOT NULL DEFAULT 0,
    bound INTEGER NOT NULL DEFAULT 0,
    perfect INTEGER NOT NULL DEFAULT 0,
    method TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (programme_id, name)
);

-- Round numbers are 1-based; table numbers too. Absent people have no row for that round.
CREATE TABLE event_seats (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    table_no INTEGER NOT NULL,
    PRIMARY KEY (event_id, round, person_id)
) WITHOUT ROWID;
CREATE INDEX event_seats_person ON event_seats(person_id);

CREATE TABLE event_absences (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, round, person_id)
) WITHOUT ROWID;
