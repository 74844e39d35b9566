-- The last moves made by hand on a plan, oldest first, so that Undo puts the person back where
-- they were, with the pin they had (issue 15). Only the last few are kept (store_plan_moves.h);
-- re-optimising a plan forgets them.
CREATE TABLE plan_moves (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES set_plans(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    from_set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    to_set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
    pin_set_id INTEGER REFERENCES sets(id) ON DELETE CASCADE, -- the pin before the move, or none
    moved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX plan_moves_plan ON plan_moves(plan_id, id);
