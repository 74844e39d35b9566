-- Set plans: the result of set formation for a programme, its sets and their members, and the
-- rules a programme lead declares (keep apart, keep together, pin to a set).
CREATE TABLE set_plans (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    objective REAL,
    upper_bound REAL,
    settings_json TEXT NOT NULL DEFAULT '{}', -- weights, sizes, seed, as used to form the plan
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    published_at TEXT,
    UNIQUE (programme_id, name)
);

CREATE TABLE sets (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES set_plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    facilitator_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    UNIQUE (plan_id, name)
);

CREATE TABLE set_members (
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (set_id, person_id)
) WITHOUT ROWID;
CREATE INDEX set_members_person ON set_members(person_id);

-- kind 'apart': person_a and person_b never in one set (conflict of interest);
-- kind 'together': always in one set; kind 'pin': person_a always in the set named set_name.
CREATE TABLE programme_rules (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('apart', 'together', 'pin')),
    person_a INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    person_b INTEGER REFERENCES people(id) ON DELETE CASCADE,
    set_name TEXT,
    note TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'pin') = (set_name IS NOT NULL AND person_b IS NULL))
);
CREATE INDEX programme_rules_programme ON programme_rules(programme_id);

-- Per-programme settings for forming sets (weights as JSON: {"organisation":3,...}).
ALTER TABLE programmes ADD COLUMN set_size_min INTEGER NOT NULL DEFAULT 4;
ALTER TABLE programmes ADD COLUMN set_size_max INTEGER NOT NULL DEFAULT 8;
ALTER TABLE programmes ADD COLUMN weights_json TEXT NOT NULL DEFAULT '';
