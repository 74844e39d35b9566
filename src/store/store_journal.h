/* The private reflection journal: entries written, listed, edited and deleted by their writer
 * alone. Every statement names the writer's person id, so an entry of someone else is as good
 * as absent; the app layer still asks app_meet_may_see before showing one. */
#ifndef SETWORK_STORE_STORE_JOURNAL_H
#define SETWORK_STORE_STORE_JOURNAL_H

#include "store/db.h"

#include <stddef.h>

/* The longest entry, in bytes (as for every other meeting record). */
#define JOURNAL_TEXT_MAX 4000

struct journal_entry {
    long long id;
    long long meeting_id; /* 0 when written outside a meeting */
    char *body;
    char *created_at; /* "YYYY-MM-DDTHH:MM:SSZ" (UTC) */
    char *edited_at;  /* the same form, or NULL when never edited */
};

/* PERSON_ID's entries, newest first, into *OUT (free with journal_entries_free) and *COUNT.
 * Only ever call it for the viewer's own person id. 0, or -1 on error. */
int store_journal_entries(struct db *db, long long person_id, struct journal_entry **out,
                          size_t *count);
void journal_entries_free(struct journal_entry *list, size_t count);

/* Adds an entry by PERSON_ID (written at meeting MEETING_ID, 0 for none) and sets *ID. The
 * caller checks BODY's length (JOURNAL_TEXT_MAX). 0, or -1 on error. */
int store_journal_add(struct db *db, long long person_id, long long meeting_id, const char *body,
                      long long *id);

/* Replaces the text of PERSON_ID's entry ENTRY_ID with BODY and stamps edited_at. 0 done, 1 no
 * such entry of PERSON_ID, -1 on error. */
int store_journal_edit(struct db *db, long long person_id, long long entry_id, const char *body);

/* Deletes PERSON_ID's entry ENTRY_ID (the writer's own choice: nothing else refers to it).
 * 0 done, 1 no such entry of PERSON_ID, -1 on error. */
int store_journal_delete(struct db *db, long long person_id, long long entry_id);

#endif
