/* The demo meeting rounds (`setwork meetings demo`): fills the first meeting of every set of the
 * programme with a demonstration of the rounds (attendance and check-ins, two presenters with
 * their actions, session reviews), written through the use cases of meeting_records.h, so the
 * meeting page, the report back at the second meeting and each presenter's "My setwork" have
 * something to show. A set whose first meeting has check-ins already is left alone, so running it
 * twice adds nothing. */
#include "app/meetings/meetings_demo.h"

#include "app/demo/demo_meetings.h"
#include "app/meetings/meeting_access.h"
#include "app/meetings/meeting_records.h"
#include "store/store_meeting_round.h"
#include "store/store_meetings.h"
#include "store/store_people.h"

#include <stdlib.h>
#include <time.h>

/* Presenters at each demo meeting. */
#define DEMO_PRESENTERS 2

/* "YYYY-MM-DD" DAYS after T into BUF. */
static void day_after(int64_t t, int days, char buf[16])
{
    time_t tt = (time_t)(t + (int64_t)days * 86400);
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, 16, "%Y-%m-%d", &tm);
}

/* The rounds of meeting M, each written by whoever may write it and through the same checks as
 * on the web (meeting_records.h): each member checks themselves in and reviews the meeting, the
 * presenters put themselves on the agenda and commit to their own actions. 0 when written, 1
 * when it had some already, -1 with a message in ERR. */
static int fill(struct db *db, const struct meeting *m, size_t *salt, struct strbuf *err)
{
    struct meet_roll_entry *roll = NULL;
    size_t n = 0;
    if (store_meeting_roll(db, m->id, &roll, &n) != 0) {
        sb_printf(err, "could not write the demo: %s", db_errmsg(db));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        if (roll[i].checkin_id)
            rc = 1;
    if (rc != 0 || n == 0) {
        meet_roll_free(roll, n);
        return rc ? rc : 1;
    }
    char due[16];
    day_after(m->starts_at, 21, due);
    enum status st = STATUS_OK;
    struct meeting_records_reply rep = {0};
    for (size_t i = 0; i < n && st == STATUS_OK; i++) {
        size_t k = (*salt)++;
        long long pid, id;
        struct actor member = app_meet_person(roll[i].person_id);
        /* The last member sends apologies; everyone else is here and checks in. */
        bool here = i + 1 < n;
        st = meeting_records_checkin(db, &member, m->id, 0, here ? "present" : "apologies",
                                     here ? demo_checkin_line(k) : NULL, &rep);
        if (st == STATUS_OK && i < DEMO_PRESENTERS)
            st =
                meeting_records_presenter_add(db, &member, m->id, roll[i].person_id, 0, &pid, &rep);
        if (st == STATUS_OK && i < DEMO_PRESENTERS)
            st =
                meeting_records_action_add(db, &member, m->id, pid, demo_action(k), due, &id, &rep);
        if (st == STATUS_OK && here && i % 2 == 0) {
            const char *helped, *learned;
            demo_review(k, &helped, &learned);
            st = meeting_records_review(db, &member, m->id, helped, learned, &rep);
        }
    }
    meet_roll_free(roll, n);
    if (st == STATUS_OK)
        return 0;
    if (st == STATUS_FAILED)
        sb_printf(err, "could not write the demo: %s", db_errmsg(db));
    else
        sb_printf(err, "could not write the demo: %s", rep.msg ? rep.msg : "refused");
    return -1;
}

int meetings_demo_fill(struct db *db, long long programme_id, size_t *filled, struct strbuf *err)
{
    long long *sets = NULL;
    size_t nsets = 0, salt = 0;
    int status = 0;
    *filled = 0;
    if (store_meeting_programme_sets(db, programme_id, &sets, &nsets) != 0 || db_begin(db) != 0) {
        sb_append(err, db_errmsg(db));
        free(sets);
        return -1;
    }
    for (size_t i = 0; i < nsets && status == 0; i++) {
        struct meeting *ms = NULL;
        size_t n = 0;
        int rc = store_meetings_list(db, programme_id, sets[i], &ms, &n);
        if (rc == 0 && n > 0)
            rc = fill(db, &ms[0], &salt, err);
        else if (rc != 0)
            sb_printf(err, "could not write the demo: %s", db_errmsg(db));
        meetings_free(ms, n);
        if (rc < 0) {
            status = -1;
        } else if (rc == 0 && n > 0) {
            (*filled)++;
        }
    }
    if (status == 0 && db_commit(db) != 0) {
        sb_append(err, db_errmsg(db));
        status = -1;
    }
    if (status != 0)
        db_rollback(db);
    free(sets);
    return status;
}
