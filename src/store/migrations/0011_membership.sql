-- Membership over time: who was in which set when. set_members stays the plan's current
-- layout; set_membership keeps every joining and leaving of a published set and is never
-- deleted, so the confidentiality rule can ask "a member at the meeting's time?".
-- Times are UTC ("YYYY-MM-DDTHH:MM:SSZ"); the first members of a set join from
-- '0000-01-01T00:00:00Z' (the set's beginning); left_at NULL while still a member.
CREATE TABLE set_membership (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    joined_at TEXT NOT NULL,
    left_at TEXT,
    CHECK (left_at IS NULL OR left_at >= joined_at)
);
CREATE INDEX set_membership_person ON set_membership(person_id, set_id);
CREATE INDEX set_membership_set ON set_membership(set_id, left_at);

-- No backfill here (a migration may arrive before 0002 in a test of late migrations): a set
-- with no history counts its current members from its beginning (store_meet_stints), and the
-- first change or publishing records exactly that (store_membership_sync).

-- A manual move on a plan: the person stays in that set when the plan is re-optimised.
CREATE TABLE plan_pins (
    plan_id INTEGER NOT NULL REFERENCES set_plans(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, person_id)
) WITHOUT ROWID;

-- What a member is told on their home page when their set changes (the mail work sends them
-- later and sets mailed_at).
CREATE TABLE member_notices (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    mailed_at TEXT
);
CREATE INDEX member_notices_person ON member_notices(person_id, created_at);
