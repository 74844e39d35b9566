-- Shared challenges and their themes; pulse survey instruments, waves and answers.

-- A challenge a participant brings. visibility: 'only-me' (the author alone), 'set' (the author's
-- set, named), 'cohort' (also the whole cohort, anonymously, through themes). consent: the author
-- agrees that an anonymous excerpt may be shown to others in a theme and quoted in the report.
CREATE TABLE challenges (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL DEFAULT 'only-me' CHECK (visibility IN ('only-me', 'set', 'cohort')),
    consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (programme_id, person_id, title)
);
CREATE INDEX challenges_person ON challenges(person_id);

-- Themes found across a programme's cohort-visible challenges. label is what people see:
-- auto_label (characteristic words) until an admin renames it (renamed = 1).
CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    auto_label TEXT NOT NULL,
    renamed INTEGER NOT NULL DEFAULT 0 CHECK (renamed IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX themes_programme ON themes(programme_id);

CREATE TABLE theme_members (
    theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    challenge_id INTEGER NOT NULL UNIQUE REFERENCES challenges(id) ON DELETE CASCADE,
    PRIMARY KEY (theme_id, challenge_id)
) WITHOUT ROWID;

-- Per-programme settings for themes and the connectedness report.
ALTER TABLE programmes ADD COLUMN theme_language TEXT NOT NULL DEFAULT 'english';
ALTER TABLE programmes ADD COLUMN theme_min_people INTEGER NOT NULL DEFAULT 3;
ALTER TABLE programmes ADD COLUMN theme_threshold REAL NOT NULL DEFAULT 0.10;
ALTER TABLE programmes ADD COLUMN survey_min_paired INTEGER NOT NULL DEFAULT 5;

-- A pulse survey instrument: items answered on one scale of whole-number points.
CREATE TABLE instruments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    point_min INTEGER NOT NULL,
    point_max INTEGER NOT NULL,
    point_labels_json TEXT NOT NULL, -- ["hardly ever", "some of the time", "often"]
    CHECK (point_max > point_min AND point_max - point_min <= 10)
);

-- The scales an instrument's items are summed into, each scored and reported separately.
CREATE TABLE instrument_scales (
    instrument_id INTEGER NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    higher_is_better INTEGER NOT NULL CHECK (higher_is_better IN (0, 1)),
    position INTEGER NOT NULL,
    PRIMARY KEY (instrument_id, name)
) WITHOUT ROWID;

CREATE TABLE instrument_items (
    id INTEGER PRIMARY KEY,
    instrument_id INTEGER NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    scale TEXT NOT NULL,
    reversed INTEGER NOT NULL DEFAULT 0 CHECK (reversed IN (0, 1)),
    source TEXT NOT NULL,
    UNIQUE (instrument_id, code),
    FOREIGN KEY (instrument_id, scale) REFERENCES instrument_scales(instrument_id, name)
);

-- One sitting of the survey in a programme: 'start', 'end', or 'meeting-N' after a meeting.
CREATE TABLE survey_waves (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    instrument_id INTEGER NOT NULL REFERENCES instruments(id),
    name TEXT NOT NULL,
    opened_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (programme_id, name)
);

-- One answer. Individuals see only their own; reports use them only in aggregate.
CREATE TABLE survey_answers (
    wave_id INTEGER NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES instrument_items(id) ON DELETE CASCADE,
    value INTEGER NOT NULL,
    answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (wave_id, person_id, item_id)
) WITHOUT ROWID;

-- The default instrument: the UCLA 3-item loneliness scale and setwork's own items on feeling
-- connected at work, all on the UCLA's three frequency points.
INSERT INTO instruments(id, name, source, point_min, point_max, point_labels_json) VALUES (1,
    'setwork-connectedness-1',
    'Items 1-3: Three-Item Loneliness Scale, Hughes, Waite, Hawkley & Cacioppo (2004), Research on '
    || 'Aging 26(6):655-672. Items 4-7: setwork''s own items on feeling connected at work '
    || '(not validated).',
    1, 3, '["hardly ever", "some of the time", "often"]');
INSERT INTO instrument_scales VALUES
    (1, 'loneliness', 'Loneliness (UCLA 3-item, 3 to 9)', 0, 1),
    (1, 'connected_at_work', 'Connected at work (setwork, 4 to 12)', 1, 2);
INSERT INTO instrument_items(instrument_id, position, code, text, scale, reversed, source) VALUES
    (1, 1, 'ucla_companionship', 'How often do you feel that you lack companionship?',
     'loneliness', 0, 'Hughes et al. 2004'),
    (1, 2, 'ucla_left_out', 'How often do you feel left out?', 'loneliness', 0,
     'Hughes et al. 2004'),
    (1, 3, 'ucla_isolated', 'How often do you feel isolated from others?', 'loneliness', 0,
     'Hughes et al. 2004'),
    (1, 4, 'work_someone_to_ask',
     'How often do you feel there is someone outside your own team at work you could ask for help?',
     'connected_at_work', 0, 'setwork'),
    (1, 5, 'work_part_of_community',
     'How often do you feel part of a wider community at work?', 'connected_at_work', 0,
     'setwork'),
    (1, 6, 'work_talk_across',
     'How often do you talk about your work challenges with people in other departments or organisations?',
     'connected_at_work', 0, 'setwork'),
    (1, 7, 'work_face_alone',
     'How often do you feel you face problems at work on your own?', 'connected_at_work', 1,
     'setwork');
