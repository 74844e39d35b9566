/* The private reflection journal as use cases: a person lists, writes, edits and deletes their
 * own entries, and nobody else ever reaches them (not their set, facilitator or admins). The
 * web page and any later API call these, so the rule lives here once. */
#ifndef SETWORK_APP_JOURNAL_JOURNAL_H
#define SETWORK_APP_JOURNAL_JOURNAL_H

#include <stddef.h>

#include "app/actor.h"
#include "core/status.h"
#include "store/db.h"
#include "store/store_journal.h"

/* How a change went, beside its status: a sentence for the person (static text), NULL with
 * STATUS_OK. */
struct journal_reply {
    const char *msg;
};

/* The actor's own entries, newest first, into *OUT (free with journal_entries_free) and
 * *COUNT; an actor who is not a person of the cohort has none. STATUS_OK or STATUS_FAILED. */
enum status app_journal_list(struct db *db, const struct actor *actor, struct journal_entry **out,
                             size_t *count);

/* Writes BODY as a new entry of the actor's, *ID its id. STATUS_INVALID for an empty, too long
 * or not UTF-8 text, STATUS_FORBIDDEN for an actor with no journal (not a person). */
enum status app_journal_add(struct db *db, const struct actor *actor, const char *body,
                            long long *id, struct journal_reply *reply);

/* Replaces the text of the actor's entry ID. STATUS_NOT_FOUND when it is not theirs or absent,
 * STATUS_INVALID as for app_journal_add. */
enum status app_journal_edit(struct db *db, const struct actor *actor, long long id,
                             const char *body, struct journal_reply *reply);

/* Deletes the actor's entry ID. STATUS_NOT_FOUND when it is not theirs or absent. */
enum status app_journal_delete(struct db *db, const struct actor *actor, long long id,
                               struct journal_reply *reply);

/* Writes the UTC time WHEN ("YYYY-MM-DDTHH:MM:SSZ", as the store keeps it) as the actor reads
 * it into BUF (SIZE bytes, MEET_WHEN_MAX is enough): "Wed 2 Dec 2026, 15:38 GMT", in the zone of
 * the newest meeting series of the actor's programmes, or UTC when they have none. A text that is
 * not such a time is copied as it is. */
void app_journal_when(struct db *db, const struct actor *actor, const char *when, char *buf,
                      size_t size);

#endif
