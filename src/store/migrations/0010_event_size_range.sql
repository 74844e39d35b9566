-- Mixer events may have table sizes within a range (e.g. 4-5) when the people do not divide:
-- min_group_size is the smallest table allowed, 0 for the default (tables of group_size, or one
-- fewer where the people present do not divide).
ALTER TABLE events ADD COLUMN min_group_size INTEGER NOT NULL DEFAULT 0
    CHECK (min_group_size = 0 OR min_group_size BETWEEN 2 AND group_size);
