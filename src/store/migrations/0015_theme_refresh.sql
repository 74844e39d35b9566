-- Programmes whose challenges changed since their themes were last found: 'setwork serve'
-- finds them again once the programme has been quiet for a while (app/challenges/theme_refresh).
CREATE TABLE theme_refresh (
    programme_id INTEGER PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
    changed_at INTEGER NOT NULL -- Unix seconds of the latest change
);
