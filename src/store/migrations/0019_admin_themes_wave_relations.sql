-- A theme an admin merged or split (issue 16): the background refresh keeps it as the admin left
-- it (its members, less those no longer shared with the cohort, plus new challenges close to it)
-- instead of finding it again from scratch.
ALTER TABLE themes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));

-- The relations a network survey wave asks (issue 16: several per wave, chosen when the wave is
-- opened). A wave with no row here asks every relation of its programme, as before.
CREATE TABLE network_wave_relations (
    wave_id INTEGER NOT NULL REFERENCES network_waves(id) ON DELETE CASCADE,
    relation_id INTEGER NOT NULL REFERENCES network_relations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (wave_id, relation_id)
) WITHOUT ROWID;
