/* The journal's use cases (see journal.h). The list is read for the actor's own person id, which
 * is the whole rule for reading; an edit or a delete of one entry also asks app_meet_may_see,
 * the one rule for every meeting record, and the store's statements name the writer again. */
#include "app/journal/journal.h"

#include <string.h>

#include "app/meetings/meeting_access.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "engine/meetings/series.h"
#include "engine/meetings/when.h"
#include "store/store_meeting_series.h"

enum status app_journal_list(struct db *db, const struct actor *actor, struct journal_entry **out,
                             size_t *count)
{
    *out = NULL;
    *count = 0;
    if (!actor->person_id)
        return STATUS_OK;
    return store_journal_entries(db, actor->person_id, out, count) == 0 ? STATUS_OK : STATUS_FAILED;
}

/* Checks a text for an entry; NULL when it will do, else why not. */
static const char *body_problem(const char *body)
{
    if (!body || !*body)
        return "Write something first.";
    size_t len = strlen(body);
    if (len > JOURNAL_TEXT_MAX)
        return "That reflection is too long: keep it under 4,000 characters.";
    if (!utf8_valid(body, len, NULL))
        return "That text is not valid UTF-8.";
    return NULL;
}

/* STATUS_NOT_FOUND unless entry ID is the actor's own (or -1: STATUS_FAILED), else STATUS_OK. */
static enum status own_entry(struct db *db, const struct actor *actor, long long id)
{
    if (!actor->person_id)
        return STATUS_NOT_FOUND;
    int may = app_meet_may_see(db, actor, MEET_ITEM_JOURNAL, id);
    return may < 0 ? STATUS_FAILED : may == 1 ? STATUS_OK : STATUS_NOT_FOUND;
}

enum status app_journal_add(struct db *db, const struct actor *actor, const char *body,
                            long long *id, struct journal_reply *reply)
{
    reply->msg = NULL;
    if (!actor->person_id) {
        reply->msg = "Your account has no journal: it is not a person of a cohort.";
        return STATUS_FORBIDDEN;
    }
    if ((reply->msg = body_problem(body)))
        return STATUS_INVALID;
    if (store_journal_add(db, actor->person_id, 0, body, id) != 0) {
        reply->msg = "The reflection could not be saved.";
        return STATUS_FAILED;
    }
    return STATUS_OK;
}

enum status app_journal_edit(struct db *db, const struct actor *actor, long long id,
                             const char *body, struct journal_reply *reply)
{
    reply->msg = NULL;
    enum status st = own_entry(db, actor, id);
    if (st != STATUS_OK) {
        reply->msg = "There is no such entry in your journal.";
        return st;
    }
    if ((reply->msg = body_problem(body)))
        return STATUS_INVALID;
    int rc = store_journal_edit(db, actor->person_id, id, body);
    if (rc != 0) {
        reply->msg = rc > 0 ? "There is no such entry in your journal."
                            : "The reflection could not be saved.";
        return rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    }
    return STATUS_OK;
}

enum status app_journal_delete(struct db *db, const struct actor *actor, long long id,
                               struct journal_reply *reply)
{
    reply->msg = NULL;
    enum status st = own_entry(db, actor, id);
    if (st != STATUS_OK) {
        reply->msg = "There is no such entry in your journal.";
        return st;
    }
    int rc = store_journal_delete(db, actor->person_id, id);
    if (rc != 0) {
        reply->msg =
            rc > 0 ? "There is no such entry in your journal." : "The entry could not be deleted.";
        return rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    }
    return STATUS_OK;
}

void app_journal_when(struct db *db, const struct actor *actor, const char *when, char *buf,
                      size_t size)
{
    int64_t utc;
    if (!when || meet_utc_parse(when, &utc) != 0) {
        str_copy(buf, when ? when : "", size);
        return;
    }
    char tz[64] = "UTC";
    if (!actor->person_id || store_series_person_tz(db, actor->person_id, tz, sizeof tz) != 0)
        str_copy(tz, "UTC", sizeof tz);
    if (meet_when_format(tz, utc, 0, buf, size) != 0)
        meet_when_format("UTC", utc, 0, buf, size);
}
