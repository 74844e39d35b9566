/* Changes from the meeting page: marking a question open or closed in one tap, sending
 * apologies or saying one will come, a ground rule, handing the facilitation on (after a
 * confirmation, to a member with an account), and the admin's move and cancel of a meeting.
 * Content changes pass app_meet_may_see for the record first (admins never reach content);
 * a refusal is a 404 like a missing record. */
#include "web/http/web.h"

#include "engine/meetings/when.h"
#include "web/pages/meeting_access.h"
#include "web/pages/meeting_rounds.h"

#include "app/meetings/meeting_records.h"
#include "store/store_meeting_round.h"
#include "web/http/views.h"

#include "app/meetings/meeting_move.h"
#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>

static void back(struct web_request *r)
{
    char *to = str_printf("/meetings/%lld", r->ids[0]);
    web_redirect(r, to);
    free(to);
}

/* The presentation of meeting MID that question QID hangs off, 0 when none. */
static long long question_in_meeting(struct db *db, long long mid, long long qid)
{
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    long long found = 0;
    if (store_presentations_list(db, mid, &ps, &np) != 0)
        return 0;
    for (size_t i = 0; i < np && !found; i++) {
        struct meet_text *qs = NULL;
        size_t nq = 0;
        if (store_questions_list(db, ps[i].id, &qs, &nq) == 0)
            for (size_t j = 0; j < nq; j++)
                if (qs[j].id == qid)
                    found = ps[i].id;
        meet_texts_free(qs, nq);
    }
    free(ps);
    return found;
}

void page_question_mark(struct web_request *r)
{
    if (!web_meet_allowed(r, MEET_ITEM_QUESTION, r->ids[1]))
        return;
    const char *kind = formdata_get(&r->form, "kind");
    if (!kind || (strcmp(kind, "open") != 0 && strcmp(kind, "closed") != 0 &&
                  strcmp(kind, "unmarked") != 0)) {
        web_error(r, 400, "Mark a question open or closed.");
        return;
    }
    long long pid = question_in_meeting(r->db, r->ids[0], r->ids[1]);
    if (!pid) {
        web_error(r, 404, "There is no such meeting record.");
        return;
    }
    if (store_question_mark(r->db, r->ids[1], kind) != 0) {
        web_error(r, 500, "The question could not be marked.");
        return;
    }
    char *anchor = str_printf("q-%lld", r->ids[1]);
    web_meeting_back(r, "during", anchor ? anchor : "during");
    free(anchor);
}

/* POST /meetings/#/attendance status=present|apologies: the viewer's own answer. Members and
 * the facilitator only: the content check is the membership test. */
void page_meeting_attendance(struct web_request *r)
{
    if (!web_meet_allowed(r, MEET_ITEM_REVIEW, r->ids[0]))
        return;
    const char *status = formdata_get(&r->form, "status");
    if (!status || (strcmp(status, "present") != 0 && strcmp(status, "apologies") != 0)) {
        web_error(r, 400, "Say whether you will come or send apologies.");
        return;
    }
    if (!r->user.person_id ||
        store_attendance_set(r->db, r->ids[0], r->user.person_id, status) != 0) {
        web_error(r, 422, "Your answer could not be saved.");
        return;
    }
    web_meeting_back(r, "before", "attendance");
}

/* POST /meetings/#/move to=YYYY-MM-DDTHH:MM, local wall-clock time in the meeting's own zone
 * (as the CLI's move), keeping the duration (admins). A time at a daylight-saving edge is
 * stored by RFC 5545's rule and the page says what was stored; a cancelled meeting is refused. */
void page_meeting_move(struct web_request *r)
{
    struct meeting_moved moved;
    struct strbuf err = {0};
    enum status st = meeting_move(r->db, r->ids[0], formdata_get(&r->form, "to"), &moved, &err);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, st == STATUS_INVALID),
                  err.data ? err.data : "The meeting could not be moved.");
    } else if (*moved.warning) {
        struct html page = {0};
        struct html_viewer v = web_viewer(r);
        html_page_begin(&page, "Meeting moved", &v);
        H(&page, "<p class=\"notice\" id=\"moved\">Moved to ");
        html_text(&page, moved.when);
        H(&page, ".</p>\n<p class=\"warning\" role=\"status\" id=\"dst-warning\">");
        html_text(&page, moved.warning);
        H(&page, "</p>\n<p><a href=\"/meetings/");
        html_int(&page, r->ids[0]);
        H(&page, "\">Back to the meeting</a></p>\n");
        html_page_end(&page);
        web_html(r, 200, &page);
    } else {
        back(r);
    }
    sb_free(&err);
}

/* The page that asks before a cancel: which meeting, and what the cancel does. Writes nothing. */
static void confirm_cancel(struct web_request *r, const struct meeting *m)
{
    char when[MEET_WHEN_MAX];
    meet_when_format(m->tzid, m->starts_at, m->ends_at, when, sizeof when);
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Cancel this meeting?", &v);
    H(&page, "<p><strong>");
    html_text(&page, m->set_name);
    H(&page, "</strong>, ");
    html_text(&page, when);
    H(&page, ".</p>\n<p>Members' calendars will show it as cancelled, and it will no longer "
             "count as a meeting of the programme. Its records stay. A cancelled meeting cannot "
             "be moved; schedule a new one instead.</p>\n<form method=\"post\" "
             "action=\"/meetings/");
    html_int(&page, m->id);
    H(&page, "/cancel\">");
    html_csrf(&page, r->csrf);
    H(&page, "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
             "<button type=\"submit\" class=\"danger\">Cancel the meeting</button> <a href=\""
             "/meetings/");
    html_int(&page, m->id);
    H(&page, "\">Keep it</a></form>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
}

/* POST /meetings/#/cancel (admins). Without confirm=1 it only asks (nothing is written). */
void page_meeting_cancel(struct web_request *r)
{
    struct meeting m = {0};
    int found = store_meeting_get(r->db, r->ids[0], &m);
    if (found != 0) {
        meeting_free(&m);
        web_error(r, found < 0 ? 500 : 404,
                  found < 0 ? "The meeting could not be read." : "There is no such meeting.");
        return;
    }
    const char *confirm = formdata_get(&r->form, "confirm");
    if (!m.cancelled && !(confirm && strcmp(confirm, "1") == 0)) {
        confirm_cancel(r, &m);
        meeting_free(&m);
        return;
    }
    meeting_free(&m);
    if (store_meeting_cancel(r->db, r->ids[0]) < 0) {
        web_error(r, 500, "The meeting could not be cancelled.");
        return;
    }
    back(r);
}

/* POST /meetings/#/rules body=TEXT: any member or the facilitator adds a ground rule to the
 * meeting's set. */
void page_meeting_rule(struct web_request *r)
{
    if (!web_meet_allowed(r, MEET_ITEM_REVIEW, r->ids[0]))
        return;
    const char *body = formdata_get(&r->form, "rule");
    struct meeting m = {0};
    long long id;
    if (!body || !*body) {
        web_error(r, 400, "Write the ground rule.");
        return;
    }
    if (store_meeting_get(r->db, r->ids[0], &m) != 0 ||
        store_ground_rule_add(r->db, m.set_id, body, &id) != 0) {
        meeting_free(&m);
        web_error(r, 422, "The ground rule could not be saved (too long?).");
        return;
    }
    meeting_free(&m);
    web_meeting_back(r, "before", "rules");
}

void web_meeting_handover(struct web_request *r, struct html *page, const struct meeting *m)
{
    H(page, "<section id=\"handover\" data-region>\n<h3>Hand-over</h3>\n<p>");
    json_t *who = NULL;
    if (!m->facilitator_id) {
        H(page, "No one is named to facilitate this meeting.");
    } else {
        H(page, "Facilitating this meeting now: <strong>");
        if (view_person(r->db, &r->user, m->facilitator_id, &who) == 0)
            html_text(page, json_string_value(json_object_get(who, "name")));
        else
            H(page, "the set's facilitator");
        H(page, "</strong>");
        if (m->facilitator_id == r->user.person_id)
            H(page, " (you)");
    }
    json_decref(who);
    H(page, ".</p>\n");
    struct meet_roll_entry *roll = NULL;
    size_t n = 0;
    if (!r->user.person_id || r->user.person_id != m->facilitator_id ||
        store_meeting_roll(r->db, m->id, &roll, &n) != 0) {
        H(page, "</section>\n");
        return;
    }
    size_t offered = 0;
    for (size_t i = 0; i < n; i++)
        offered += roll[i].has_account && roll[i].person_id != m->facilitator_id;
    if (!offered) {
        H(page, "<p class=\"hint\">No other member of the set has an account yet, so the role "
                "cannot be handed on.</p>\n</section>\n");
        meet_roll_free(roll, n);
        return;
    }
    H(page, "<form method=\"post\" action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/facilitator\">\n");
    html_csrf(page, r->csrf);
    H(page, "<p class=\"field\"><label for=\"handover-to\">Hand facilitation of this meeting to"
            "</label>\n<select id=\"handover-to\" name=\"person\">\n");
    for (size_t i = 0; i < n; i++) {
        if (!roll[i].has_account || roll[i].person_id == m->facilitator_id)
            continue;
        H(page, "<option value=\"");
        html_int(page, roll[i].person_id);
        H(page, "\">");
        html_text(page, roll[i].name);
        H(page, "</option>\n");
    }
    H(page, "</select></p>\n<p class=\"hint\">Only members who can log in are listed. You will "
            "be asked to confirm.</p>\n<button type=\"submit\">Hand over</button>\n</form>\n"
            "</section>\n");
    meet_roll_free(roll, n);
}

/* The page that asks before a hand-over: to whom, and what it changes. Writes nothing. */
static void confirm_handover(struct web_request *r, long long to, const char *name)
{
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Hand over facilitation?", &v);
    H(&page, "<p><strong>");
    html_text(&page, name);
    H(&page, "</strong> will facilitate this meeting: they run the timer, record the check-in "
             "of others and can hand the role on again. You stay a member of the meeting.</p>\n"
             "<form method=\"post\" action=\"/meetings/");
    html_int(&page, r->ids[0]);
    H(&page, "/facilitator\">");
    html_csrf(&page, r->csrf);
    H(&page, "<input type=\"hidden\" name=\"person\" value=\"");
    html_int(&page, to);
    H(&page, "\"><input type=\"hidden\" name=\"confirm\" value=\"1\">"
             "<button type=\"submit\">Hand over to ");
    html_text(&page, name);
    H(&page, "</button> <a href=\"/meetings/");
    html_int(&page, r->ids[0]);
    H(&page, "?stage=after#handover\">Keep the role</a></form>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
}

/* POST /meetings/#/facilitator person=ID [confirm=1]: the meeting's facilitator hands the role
 * for this meeting to a member of the set with an account. Without confirm=1 it only asks. */
void page_meeting_handover(struct web_request *r)
{
    const char *p = formdata_get(&r->form, "person");
    const char *confirm = formdata_get(&r->form, "confirm");
    bool confirmed = confirm && strcmp(confirm, "1") == 0;
    long long to = p ? atoll(p) : 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    char *name = NULL;
    enum status st = meeting_records_handover(r->db, &me, r->ids[0], to, confirmed, &name, &rep);
    if (st != STATUS_OK)
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
    else if (!confirmed)
        confirm_handover(r, to, name ? name : "this member");
    else
        web_meeting_back(r, "after", "handover");
    free(name);
}
