-- The pulse survey's waves open only around the programme's start and end: this many days
-- either side of starts_on (the start wave) and of ends_on (the end wave).
ALTER TABLE programmes ADD COLUMN pulse_window_days INTEGER NOT NULL DEFAULT 28
    CHECK (pulse_window_days BETWEEN 1 AND 365);
