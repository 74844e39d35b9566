/* The checks and writes of the meeting rounds, shared by the pages and the JSON API
 * (meeting_rounds.h). */
#include "web/pages/meeting_rounds.h"
#include "web/pages/meeting_access.h"

#include "core/date.h"
#include "engine/meetings/actions.h"
#include "store/store_meeting_round.h"
#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>

static const char no_record[] = "There is no such meeting record.";

/* 200 when R's viewer may see the content of meeting MID and fills *ROLE; else the status. */
static int content(struct web_request *r, long long mid, struct meet_role *role, const char **msg)
{
    struct meet_viewer v = web_meet_viewer(r);
    int rc = store_meet_may_see(r->db, &v, MEET_ITEM_REVIEW, mid);
    *msg = no_record;
    if (rc != 1)
        return rc == 0 ? 404 : 500;
    if (store_meeting_role(r->db, mid, r->user.person_id, role) != 0)
        return 500;
    return 200;
}

static bool blank(const char *s)
{
    return !s || !*s;
}

int rounds_checkin(struct web_request *r, long long mid, long long person, const char *status,
                   const char *line, const char **msg)
{
    struct meet_role me, them;
    int rc = content(r, mid, &me, msg);
    if (rc != 200)
        return rc;
    long long target = person > 0 ? person : r->user.person_id;
    if (target <= 0) {
        *msg = "Your account is not a member of this set.";
        return 422;
    }
    if (store_meeting_role(r->db, mid, target, &them) != 0)
        return 500;
    if (!them.member) {
        *msg = "Choose a member of this set.";
        return 422;
    }
    if (target != r->user.person_id && !me.facilitator) {
        *msg = "Only the facilitator records the check-in of others.";
        return 403;
    }
    if (blank(status) && blank(line)) {
        *msg = "Say who is here, or write a check-in line.";
        return 400;
    }
    if (!blank(status)) {
        bool known = strcmp(status, "present") == 0 || strcmp(status, "apologies") == 0 ||
                     strcmp(status, "absent") == 0;
        if (!known || (!me.facilitator && strcmp(status, "absent") == 0)) {
            *msg = "Attendance is present, apologies or absent (the facilitator marks absence).";
            return 400;
        }
    }
    if (!blank(line) && !meet_line_ok(line, MEET_CHECKIN_MAX)) {
        *msg = "A check-in is one line of at most 280 characters.";
        return 422;
    }
    long long id;
    if ((!blank(status) && store_attendance_set(r->db, mid, target, status) != 0) ||
        (!blank(line) && store_checkin_set(r->db, mid, target, line, &id) != 0)) {
        *msg = "The check-in could not be saved.";
        return 500;
    }
    return 200;
}

int rounds_action_add(struct web_request *r, long long mid, long long pid, const char *body,
                      const char *due_on, long long *id, const char **msg)
{
    struct meet_role me;
    int rc = content(r, mid, &me, msg);
    if (rc != 200)
        return rc;
    /* The presentation must belong to this meeting, so a form cannot write elsewhere. */
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    long long presenter = 0;
    if (store_presentations_list(r->db, mid, &ps, &np) != 0)
        return 500;
    for (size_t i = 0; i < np; i++)
        if (ps[i].id == pid)
            presenter = ps[i].presenter_id;
    free(ps);
    if (!presenter)
        return 404;
    if (presenter != r->user.person_id && !me.facilitator) {
        *msg = "Actions are the presenter's own: the presenter or the facilitator records them.";
        return 403;
    }
    if (blank(body) || strlen(body) > MEET_TEXT_MAX) {
        *msg = "Write the action in the presenter's words (at most 4000 characters).";
        return 400;
    }
    if (!blank(due_on) && !date_valid(due_on)) {
        *msg = "Give the due date as YYYY-MM-DD.";
        return 400;
    }
    rc = store_action_commit(r->db, mid, presenter, body, blank(due_on) ? NULL : due_on, id);
    if (rc != 0) {
        *msg = "The action could not be saved.";
        return rc == 1 ? 404 : 422;
    }
    return 200;
}

int rounds_action_report(struct web_request *r, long long mid, long long aid, const char *outcome,
                         const char *learned, bool carry, const char *due_on, long long *new_id,
                         const char **msg)
{
    struct meet_role me;
    int rc = content(r, mid, &me, msg);
    if (rc != 200)
        return rc;
    struct meet_viewer v = web_meet_viewer(r);
    rc = store_meet_may_see(r->db, &v, MEET_ITEM_ACTION, aid);
    if (rc != 1)
        return rc == 0 ? 404 : 500;
    struct meet_action_item *list = NULL;
    size_t n = 0;
    long long owner = 0;
    if (store_actions_to_report(r->db, mid, &list, &n) != 0)
        return 500;
    for (size_t i = 0; i < n; i++)
        if (list[i].id == aid)
            owner = list[i].owner_id;
    meet_action_items_free(list, n);
    if (!owner)
        return 404; /* not in this meeting's report-back round */
    if (owner != r->user.person_id && !me.facilitator) {
        *msg = "The action's owner or the facilitator reports it back.";
        return 403;
    }
    int o = meet_outcome_parse(outcome);
    if (o < 0) {
        *msg = "Report an action as done, partly or not done.";
        return 400;
    }
    if (learned && strlen(learned) > MEET_TEXT_MAX) {
        *msg = "What you learned is too long (at most 4000 characters).";
        return 422;
    }
    if (!blank(due_on) && !date_valid(due_on)) {
        *msg = "Give the new due date as YYYY-MM-DD.";
        return 400;
    }
    rc = store_action_report_back(r->db, aid, mid, o, learned ? learned : "", carry,
                                  blank(due_on) ? NULL : due_on, new_id);
    if (rc == 1)
        return 404;
    if (rc == 2) {
        *msg = "Only an action partly done or not done is carried forward, and only once.";
        return 422;
    }
    if (rc != 0) {
        *msg = "The report back could not be saved.";
        return 500;
    }
    return 200;
}

int rounds_review(struct web_request *r, long long mid, const char *helped,
                  const char *learned_questioning, const char **msg)
{
    struct meet_role me;
    int rc = content(r, mid, &me, msg);
    if (rc != 200)
        return rc;
    if (r->user.person_id <= 0 || (!me.member && !me.facilitator)) {
        *msg = "Only the set's members and facilitator review a meeting.";
        return 403;
    }
    if (blank(helped) && blank(learned_questioning)) {
        *msg = "Say what helped or what you learned about questioning.";
        return 400;
    }
    long long id;
    if (store_member_review_set(r->db, mid, r->user.person_id, helped ? helped : "",
                                learned_questioning ? learned_questioning : "", &id) != 0) {
        *msg = "The review could not be saved (at most 4000 characters each).";
        return 422;
    }
    return 200;
}
