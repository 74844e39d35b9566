-- Foundation: organisations, people with their attributes, line management, programmes.
CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

-- Email is the person's identity across imports; stored lower-cased.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    manager_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    CHECK (manager_id IS NULL OR manager_id <> id)
);
CREATE INDEX people_manager ON people(manager_id);

-- Every attribute other than name, email, organisation and manager: the known ones
-- (department, location, role, grade, gender) and any custom column of an import.
CREATE TABLE person_attributes (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (person_id, name)
) WITHOUT ROWID;
CREATE INDEX person_attributes_name ON person_attributes(name, value);

CREATE TABLE programmes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    starts_on TEXT,
    ends_on TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE programme_members (
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    joined_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (programme_id, person_id)
) WITHOUT ROWID;
CREATE INDEX programme_members_person ON programme_members(person_id);
