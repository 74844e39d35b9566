/* The check-in round at the start of a meeting (who is here, how each member arrives) and the
 * report-back round (each member's open actions from earlier meetings of the set: done,
 * partly or not done, what was learned, carried forward), on the meeting page and their
 * POSTs. Plain forms with one-tap buttons (the chosen attendance is pressed): the page works
 * without JavaScript, and meeting.js sends the same forms without a reload. */
#include "web/pages/meeting_access.h"
#include "web/pages/meeting_rounds.h"

#include "engine/meetings/actions.h"
#include "engine/meetings/when.h"
#include "store/store_meeting_round.h"
#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>

/* The start of A's meeting in that meeting's zone ("Tue 5 Mar 2030, 10:00 GMT"). */
static void html_made_at(struct html *page, const struct meet_action_item *a)
{
    char buf[MEET_WHEN_MAX];
    meet_when_format(a->tzid, a->made_at, 0, buf, sizeof buf);
    html_text(page, buf);
}

/* Answers a POST from the meeting page: back to ANCHOR in STAGE of the page, or the error. */
static void answer(struct web_request *r, int status, const char *msg, const char *stage,
                   const char *anchor)
{
    if (status != 200) {
        web_error(r, status, msg);
        return;
    }
    web_meeting_back(r, stage, anchor);
}

static void form_start(struct web_request *r, struct html *page, long long mid, const char *path)
{
    H(page, "<form method=\"post\" data-live action=\"/meetings/");
    html_int(page, mid);
    html_text(page, path);
    H(page, "\">");
    html_csrf(page, r->csrf);
}

/* --- Check-in ----------------------------------------------------------------------------- */

static void checkin_form(struct web_request *r, struct html *page, long long mid,
                         const struct meet_roll_entry *e, bool facilitator)
{
    bool self = e->person_id == r->user.person_id;
    form_start(r, page, mid, "/checkin");
    H(page, "<input type=\"hidden\" name=\"person\" value=\"");
    html_int(page, e->person_id);
    H(page, "\">\n<label for=\"ci-");
    html_int(page, e->person_id);
    H(page, "\">");
    if (self) {
        H(page, "My check-in");
    } else {
        H(page, "Check-in of ");
        html_text(page, e->name);
    }
    H(page, "</label>\n<input type=\"text\" id=\"ci-");
    html_int(page, e->person_id);
    H(page, "\" name=\"line\" maxlength=\"280\" value=\"");
    html_text(page, e->line);
    /* Save comes first so that Enter in the line saves it rather than marking attendance. */
    H(page, "\">\n<button type=\"submit\">Save</button>\n");
    static const char *const statuses[] = {"present", "apologies", "absent"};
    for (int k = 0; k < (facilitator ? 3 : 2); k++) {
        bool on = e->status && strcmp(e->status, statuses[k]) == 0;
        H(page, "<button type=\"submit\" class=\"mark");
        if (on)
            H(page, " pressed");
        H(page, "\" name=\"status\" value=\"");
        html_text(page, statuses[k]);
        H(page, "\" aria-pressed=\"");
        html_text(page, on ? "true" : "false");
        H(page, "\">");
        html_text(page, statuses[k]);
        H(page, "</button>\n");
    }
    H(page, "</form>\n");
}

void web_meeting_checkin(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_role me;
    struct meet_roll_entry *roll = NULL;
    size_t n = 0;
    H(page, "<section id=\"checkin\" data-region>\n<h3>Check-in</h3>\n");
    if (store_meeting_role(r->db, m->id, r->user.person_id, &me) != 0 ||
        store_meeting_roll(r->db, m->id, &roll, &n) != 0) {
        H(page, "<p class=\"error\">The check-in could not be read.</p>\n</section>\n");
        return;
    }
    H(page, "<p class=\"hint\">Who is here, and in a line, how each of us arrives. Saving a "
            "line marks its writer present.</p>\n"
            "<table class=\"list checkin\">\n<thead><tr><th scope=\"col\">Member</th>"
            "<th scope=\"col\">Here</th><th scope=\"col\">Check-in</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const struct meet_roll_entry *e = &roll[i];
        H(page, "<tr><td>");
        html_text(page, e->name);
        H(page, "</td><td><strong class=\"tag\">");
        html_text(page, e->status ? e->status : "not marked");
        H(page, "</strong></td><td>");
        if (e->person_id == r->user.person_id || me.facilitator)
            checkin_form(r, page, m->id, e, me.facilitator);
        else if (e->line)
            html_text(page, e->line);
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n</section>\n");
    meet_roll_free(roll, n);
}

/* POST /meetings/#/checkin person=ID status=present|apologies|absent line=TEXT */
void page_meeting_checkin(struct web_request *r)
{
    const char *person = formdata_get(&r->form, "person");
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_checkin(r->db, &me, r->ids[0], person ? atoll(person) : 0,
                                             formdata_get(&r->form, "status"),
                                             formdata_get(&r->form, "line"), &rep);
    answer(r, web_status_code(st, rep.malformed), rep.msg, "before", "checkin");
}

/* --- Report back -------------------------------------------------------------------------- */

static void report_form(struct web_request *r, struct html *page, long long mid,
                        const struct meet_action_item *a)
{
    bool self = a->owner_id == r->user.person_id;
    char *path = str_printf("/actions/%lld/report", a->id);
    form_start(r, page, mid, path ? path : "");
    free(path);
    H(page, "\n<p class=\"field\"><label for=\"learned-");
    html_int(page, a->id);
    H(page, "\">");
    if (self) {
        H(page, "What I learned");
    } else {
        H(page, "What ");
        html_text(page, a->owner_name);
        H(page, " learned");
    }
    H(page, "</label>\n<input type=\"text\" id=\"learned-");
    html_int(page, a->id);
    H(page, "\" name=\"learned\" value=\"");
    html_text(page, a->learned);
    H(page, "\"></p>\n<p class=\"field\"><input type=\"checkbox\" id=\"carry-");
    html_int(page, a->id);
    H(page, "\" name=\"carry\" value=\"1\"> <label for=\"carry-");
    html_int(page, a->id);
    H(page, "\">Carry forward to the next meeting (when partly or not done)</label> "
            "<label for=\"due-");
    html_int(page, a->id);
    H(page, "\">new due date</label> <input type=\"date\" id=\"due-");
    html_int(page, a->id);
    H(page, "\" name=\"due_on\" value=\"\"></p>\n<p class=\"actions\">");
    static const char *const outcomes[] = {"done", "partly", "not_done"};
    for (int k = 0; k < 3; k++) {
        H(page, "<button type=\"submit\" name=\"outcome\" value=\"");
        html_text(page, outcomes[k]);
        H(page, "\">");
        html_text(page, meet_status_label(outcomes[k]));
        H(page, "</button> ");
    }
    H(page, "</p>\n</form>\n");
}

static void report_item(struct web_request *r, struct html *page, long long mid,
                        const struct meet_action_item *a, bool facilitator)
{
    H(page, "<li class=\"action\"><p>");
    html_text(page, a->body);
    H(page, " <span class=\"meta\">(agreed at the meeting of ");
    html_made_at(page, a);
    if (a->due_on) {
        H(page, ", due ");
        html_text(page, a->due_on);
    }
    H(page, ")</span></p>\n");
    if (a->reported_meeting_id == mid) {
        H(page, "<p><strong class=\"tag\">");
        html_text(page, meet_status_label(a->status));
        H(page, "</strong>");
        if (*a->learned) {
            H(page, " · learned: ");
            html_text(page, a->learned);
        }
        if (a->carried_to)
            H(page, " · carried forward");
        H(page, "</p>\n");
    } else if (a->owner_id == r->user.person_id || facilitator) {
        report_form(r, page, mid, a);
    } else {
        H(page, "<p><strong class=\"tag\">open</strong></p>\n");
    }
    H(page, "</li>\n");
}

void web_meeting_report_back(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_role me;
    struct meet_action_item *list = NULL;
    size_t n = 0;
    H(page, "<section id=\"report-back\" data-region>\n<h3>Report back</h3>\n");
    if (store_meeting_role(r->db, m->id, r->user.person_id, &me) != 0 ||
        store_actions_to_report(r->db, m->id, &list, &n) != 0) {
        H(page, "<p class=\"error\">The actions could not be read.</p>\n</section>\n");
        return;
    }
    if (n == 0)
        H(page, "<p>No open actions from earlier meetings.</p>\n");
    struct actor v = web_meet_actor(r);
    long long owner = 0; /* whose list is open */
    for (size_t i = 0; i < n; i++) {
        if (app_meet_may_see(r->db, &v, MEET_ITEM_ACTION, list[i].id) != 1)
            continue;
        if (list[i].owner_id != owner) {
            if (owner)
                H(page, "</ul>\n");
            owner = list[i].owner_id;
            H(page, "<h4>");
            html_text(page, list[i].owner_name);
            H(page, "</h4>\n<ul class=\"report\">\n");
        }
        report_item(r, page, m->id, &list[i], me.facilitator);
    }
    if (owner)
        H(page, "</ul>\n");
    H(page, "</section>\n");
    meet_action_items_free(list, n);
}

/* POST /meetings/#/actions/#/report outcome=done|partly|not_done learned=TEXT carry=1
 * due_on=YYYY-MM-DD */
void page_meeting_action_report(struct web_request *r)
{
    const char *carry = formdata_get(&r->form, "carry");
    long long new_id = 0;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_action_report(
        r->db, &me, r->ids[0], r->ids[1], formdata_get(&r->form, "outcome"),
        formdata_get(&r->form, "learned"), carry && *carry, formdata_get(&r->form, "due_on"),
        &new_id, &rep);
    answer(r, web_status_code(st, rep.malformed), rep.msg, "after", "report-back");
}
