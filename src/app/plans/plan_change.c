/* Changes after publishing (plan_change.h): the change is made inside a transaction, the
 * membership history before and after it says who moves, and the transaction is rolled back
 * (a preview) or committed with its notices (confirmed). */
#include "app/plans/plan_change.h"

#include "app/plans/plan_service.h"
#include "engine/meetings/series.h"
#include "store/store_meetings.h"
#include "store/store_plans.h"
#include "store/store_sets.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void plan_change_report_free(struct plan_change_report *r)
{
    for (size_t i = 0; i < r->moved_count; i++) {
        free(r->moved[i].person);
        free(r->moved[i].email);
        free(r->moved[i].from);
        free(r->moved[i].to);
    }
    free(r->moved);
    memset(r, 0, sizeof *r);
}

static void date_words(int64_t t, char *buf, size_t size)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    struct strbuf b = {0};
    sb_printf(&b, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
    str_copy(buf, b.data ? b.data : "", size);
    sb_free(&b);
}

static int add_moved(struct plan_change_report *r, const struct store_place *before,
                     const struct store_place *after)
{
    struct plan_moved *grown = realloc(r->moved, sizeof *grown * (r->moved_count + 1));
    if (!grown)
        return -1;
    r->moved = grown;
    const struct store_place *who = before ? before : after;
    struct plan_moved *m = &r->moved[r->moved_count++];
    m->person_id = who->person_id;
    m->person = str_printf("%s", who->person);
    m->email = str_printf("%s", who->email);
    /* Across two plans the same set name can mean two different sets ("Set 2" of each):
     * then each set is named with its plan. */
    bool two_plans = before && after && before->plan_id != after->plan_id;
    m->from = !before     ? str_printf("%s", "")
              : two_plans ? str_printf("%s (%s)", before->set_name, before->plan_name)
                          : str_printf("%s", before->set_name);
    m->to = !after      ? str_printf("%s", "")
            : two_plans ? str_printf("%s (%s)", after->set_name, after->plan_name)
                        : str_printf("%s", after->set_name);
    return m->person && m->email && m->from && m->to ? 0 : -1;
}

/* Everyone whose open stint differs between B and A (both by person id). */
static int diff_places(struct plan_change_report *r, const struct store_place *b, size_t nb,
                       const struct store_place *a, size_t na)
{
    size_t i = 0, j = 0;
    while (i < nb || j < na) {
        int rc = 0;
        if (j == na || (i < nb && b[i].person_id < a[j].person_id)) {
            rc = add_moved(r, &b[i++], NULL);
        } else if (i == nb || a[j].person_id < b[i].person_id) {
            rc = add_moved(r, NULL, &a[j++]);
        } else {
            if (b[i].set_id != a[j].set_id)
                rc = add_moved(r, &b[i], &a[j]);
            i++;
            j++;
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

char *plan_change_notice(const struct plan_moved *m, const char *from_date)
{
    if (!*m->from)
        return str_printf("You have joined %s from %s.", m->to, from_date);
    if (!*m->to)
        return str_printf("You have left %s from %s.", m->from, from_date);
    return str_printf("You have moved from %s to %s from %s.", m->from, m->to, from_date);
}

/* The change itself, inside the transaction. */
static enum status make_change(struct db *db, const struct plan_change *c, const char *at,
                               struct strbuf *err)
{
    switch (c->kind) {
    case PLAN_CHANGE_MOVE: return plan_move_within(db, c->plan_id, c->person_id, c->set_id);
    case PLAN_CHANGE_REOPTIMISE:
        return plan_reoptimise(db, c->plan_id, c->seconds, c->iterations, c->seed, c->include_met,
                               at, err);
    case PLAN_CHANGE_UNDO: return plan_undo_within(db, c->plan_id);
    case PLAN_CHANGE_PUBLISH: {
        int rc = store_plan_publish(db, c->plan_id);
        return rc == 0 ? STATUS_OK : rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    }
    }
    return STATUS_FAILED;
}

enum status plan_change_apply(struct db *db, const struct plan_change *c,
                              struct plan_change_report *out, struct strbuf *err)
{
    memset(out, 0, sizeof *out);
    int64_t at = c->at ? c->at : (int64_t)time(NULL);
    meet_utc_format(at, out->at, sizeof out->at);
    date_words(at, out->from_date, sizeof out->from_date);
    struct store_plan_rows rows;
    int rc = store_plan_rows_load(db, c->plan_id, &rows);
    if (rc != 0)
        return rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    out->programme_id = rows.programme_id;
    bool published = strcmp(rows.status, "published") == 0;
    store_plan_rows_free(&rows);

    struct store_place *before = NULL, *after = NULL;
    size_t nb = 0, na = 0;
    enum status st = STATUS_FAILED;
    if (db_begin(db) != 0)
        return STATUS_FAILED;
    /* In step first, so that only this change shows in the difference. */
    if (store_membership_sync(db, out->programme_id, out->at) != 0 ||
        store_places(db, out->programme_id, &before, &nb) != 0)
        goto rollback;
    out->needs_confirm = c->kind == PLAN_CHANGE_PUBLISH ? nb > 0 && !published : published;
    st = make_change(db, c, out->at, err);
    if (st != STATUS_OK)
        goto rollback;
    st = STATUS_FAILED;
    if (store_membership_sync(db, out->programme_id, out->at) != 0 ||
        store_meetings_cancel_left_behind(db, out->programme_id, out->at,
                                          &out->meetings_cancelled) != 0 ||
        store_places(db, out->programme_id, &after, &na) != 0 ||
        diff_places(out, before, nb, after, na) != 0)
        goto rollback;
    if (out->needs_confirm && !c->confirm) {
        st = STATUS_CONFLICT;
        goto rollback;
    }
    for (size_t i = 0; i < out->moved_count; i++) {
        char *body = plan_change_notice(&out->moved[i], out->from_date);
        int bad =
            !body || store_notice_add(db, out->moved[i].person_id, out->programme_id, body) != 0;
        free(body);
        if (bad)
            goto rollback;
    }
    if (db_commit(db) != 0)
        goto rollback;
    out->applied = true;
    st = STATUS_OK;
    goto done;
rollback:
    db_rollback(db);
done:
    store_places_free(before, nb);
    store_places_free(after, na);
    return st;
}

json_t *plan_change_json(const struct plan_change_report *r)
{
    json_t *moved = json_array();
    for (size_t i = 0; moved && i < r->moved_count; i++) {
        const struct plan_moved *m = &r->moved[i];
        json_array_append_new(moved, json_pack("{s:I, s:s, s:s, s:s?, s:s?}", "person_id",
                                               (json_int_t)m->person_id, "name", m->person, "email",
                                               m->email, "from", *m->from ? m->from : NULL, "to",
                                               *m->to ? m->to : NULL));
    }
    return json_pack("{s:b, s:b, s:s, s:s, s:i, s:o}", "needs_confirm", r->needs_confirm, "applied",
                     r->applied, "effective", r->at, "from", r->from_date, "meetings_cancelled",
                     r->meetings_cancelled, "moved", moved);
}
