-- A cohort file uploaded on the web and shown as a preview of what it would change, kept until
-- the person who uploaded it applies or leaves it (app/people/import_preview.c). Only a POST
-- writes a row; applying deletes it; rows older than a day are removed when another is kept.
CREATE TABLE import_previews (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    sheet TEXT,                -- the sheet of a workbook, NULL for the first
    content BLOB NOT NULL,     -- the file as uploaded
    digest TEXT NOT NULL,      -- SHA-256 of the changes previewed (cohort_import)
    created_at INTEGER NOT NULL -- Unix seconds
);
CREATE INDEX import_previews_created ON import_previews(created_at);
