-- A journal entry can be edited by its writer; the page says when it was last changed.
ALTER TABLE journal_entries ADD COLUMN edited_at TEXT;
