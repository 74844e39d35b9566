-- Mixer events get a date, time and place (issue 15), shown on the event page, the table cards,
-- the itineraries and each participant's page, and rules for the web form that the command line
-- already had: mixing by a column of the cohort and keeping groups apart.
-- starts_at: UTC "YYYY-MM-DDTHH:MM:SSZ" of round 1, NULL when no time was given; tzid: the zone
-- the time was typed in and is shown in; round_minutes: the length of a round (0: not said).
ALTER TABLE events ADD COLUMN starts_at TEXT;
ALTER TABLE events ADD COLUMN tzid TEXT NOT NULL DEFAULT 'Europe/London';
ALTER TABLE events ADD COLUMN round_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (round_minutes BETWEEN 0 AND 600);
ALTER TABLE events ADD COLUMN place TEXT NOT NULL DEFAULT '';
-- mix_by: a cohort column (lower case, e.g. department) whose people are spread over the
-- tables, '' for none. apart_plan_id: members of one set of that plan never share a table.
-- apart_event_id: people who shared a table at that earlier event count as having met already.
ALTER TABLE events ADD COLUMN mix_by TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN apart_plan_id INTEGER REFERENCES set_plans(id) ON DELETE SET NULL;
ALTER TABLE events ADD COLUMN apart_event_id INTEGER REFERENCES events(id) ON DELETE SET NULL;
-- Meetings at one table of two people who share mix_by, as planned (with mix_by only).
ALTER TABLE events ADD COLUMN same_attr INTEGER NOT NULL DEFAULT 0;
