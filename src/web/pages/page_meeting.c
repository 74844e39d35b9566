/* Meeting pages: "my meetings" (what is next), one meeting's page, its .ics download, and adding
 * to a presentation's question log (the per-person calendar feed is page_calendar.c).
 * Every record shown or changed passes app_meet_may_see first; a refusal is a 404, the same
 * answer as a record that does not exist, so probing ids teaches nothing. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"

#include "engine/meetings/when.h"
#include "store/store_meetings.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_meeting_round.h"
#include "web/pages/meeting_rounds.h"

/* "Tue 12 Jan 2027, 14:00-17:00 GMT": M's time in its series' zone (engine/meetings/when.h). */
static void html_when(struct html *page, const struct meeting *m)
{
    char buf[MEET_WHEN_MAX];
    meet_when_format(m->tzid, m->starts_at, m->ends_at, buf, sizeof buf);
    html_text(page, buf);
}

static void meeting_rows(struct html *page, const struct meeting *ms, size_t n, long long now)
{
    H(page, "<table class=\"list\">\n<thead><tr><th scope=\"col\">When</th>"
            "<th scope=\"col\">Set</th><th scope=\"col\">Where</th>"
            "<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        H(page, "<tr><td><a href=\"/meetings/");
        html_int(page, ms[i].id);
        H(page, "\">");
        html_when(page, &ms[i]);
        H(page, "</a></td><td>");
        html_text(page, ms[i].set_name);
        H(page, "</td><td>");
        html_text(page, ms[i].location);
        H(page, "</td><td>");
        if (ms[i].cancelled)
            H(page, "cancelled");
        else if (ms[i].ends_at < now)
            H(page, "held");
        else
            H(page, "planned");
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
}

void web_set_meetings(struct web_request *r, struct html *page, long long set_id)
{
    struct meeting *ms = NULL;
    size_t n = 0;
    H(page, "<h2>Meetings</h2>\n");
    /* The caller has shown the set to this viewer, and its schedule goes with it. */
    if (store_meetings_list(r->db, 0, set_id, &ms, &n) != 0 || n == 0)
        H(page, "<p class=\"hint\">Meeting dates appear here once they are planned.</p>\n");
    else
        meeting_rows(page, ms, n, r->now);
    meetings_free(ms, n);
}

/* The "Next: …" line for MS (in time order), or that nothing is planned. */
static void next_notice(struct html *page, const struct meeting *ms, size_t n, time_t now)
{
    const struct meeting *next = NULL;
    for (size_t i = 0; i < n && !next; i++)
        if (!ms[i].cancelled && ms[i].ends_at >= now)
            next = &ms[i];
    if (next) {
        H(page, "<p class=\"notice\">Next: <a href=\"/meetings/");
        html_int(page, next->id);
        H(page, "\">");
        html_text(page, next->set_name);
        H(page, ", ");
        html_when(page, next);
        H(page, "</a></p>\n");
    } else {
        H(page, "<p>No meetings are planned for you yet.</p>\n");
    }
}

void web_next_meeting(struct web_request *r, struct html *page)
{
    struct meeting *ms = NULL;
    size_t n = 0;
    if (!r->user.person_id || store_meetings_for_person(r->db, r->user.person_id, 0, &ms, &n) != 0)
        return;
    H(page, "<h2>What is next</h2>\n");
    next_notice(page, ms, n, r->now);
    H(page, "<p><a href=\"/my/meetings\">All my meetings</a> · "
            "<a href=\"/account/calendar\">Subscribe in your calendar</a> · "
            "<a href=\"/journal\">My journal</a></p>\n");
    meetings_free(ms, n);
    web_my_actions(r, page);
}

void page_my_meetings(struct web_request *r)
{
    struct meeting *ms = NULL;
    size_t n = 0;
    if (r->user.person_id && store_meetings_for_person(r->db, r->user.person_id, 0, &ms, &n) != 0) {
        web_error(r, 500, "The meetings could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "My meetings", &v);
    next_notice(&page, ms, n, r->now);
    if (n)
        meeting_rows(&page, ms, n, r->now);
    H(&page, "<p><a href=\"/account/calendar\">Subscribe in your calendar</a> · "
             "<a href=\"/journal\">My journal</a></p>\n");
    web_my_actions(r, &page);
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    meetings_free(ms, n);
}

/* One-tap forms marking question QID open or closed. */
static void mark_buttons(struct web_request *r, struct html *page, long long mid, long long qid)
{
    static const char *const kinds[] = {"open", "closed"};
    for (int k = 0; k < 2; k++) {
        H(page, " <form class=\"inline\" method=\"post\" action=\"/meetings/");
        html_int(page, mid);
        H(page, "/questions/");
        html_int(page, qid);
        H(page, "/mark\">");
        html_csrf(page, r->csrf);
        H(page, "<button type=\"submit\" name=\"kind\" value=\"");
        html_text(page, kinds[k]);
        H(page, "\">");
        html_text(page, kinds[k]);
        H(page, "</button></form>");
    }
}

static void admin_forms(struct web_request *r, struct html *page, const struct meeting *m)
{
    H(page, "<h2>Schedule</h2>\n<form method=\"post\" action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/move\">\n");
    html_csrf(page, r->csrf);
    html_input(page, "datetime-local", "to", "New start (local time)", NULL, true);
    H(page, "<p class=\"hint\">In the series' time zone, ");
    html_text(page, m->tzid);
    H(page, "; the meeting keeps its length.</p>\n");
    H(page, "<button type=\"submit\">Move</button>\n</form>\n");
    if (!m->cancelled) {
        H(page, "<form method=\"post\" action=\"/meetings/");
        html_int(page, m->id);
        H(page, "/cancel\">\n");
        html_csrf(page, r->csrf);
        H(page, "<button type=\"submit\">Cancel this meeting</button>\n</form>\n");
    }
}

/* The effective facilitator may hand the role for this meeting to a set member. */
static void handover_form(struct web_request *r, struct html *page, const struct meeting *m)
{
    json_t *set = NULL;
    if (view_set(r->db, &r->user, m->set_id, &set) != 0)
        return;
    H(page, "<form method=\"post\" action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/facilitator\">\n");
    html_csrf(page, r->csrf);
    H(page, "<label for=\"person\">Hand facilitation of this meeting to</label>\n"
            "<select id=\"person\" name=\"person\">\n");
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(set, "members"), i, p)
    {
        H(page, "<option value=\"");
        html_int(page, json_integer_value(json_object_get(p, "id")));
        H(page, "\">");
        html_text(page, json_string_value(json_object_get(p, "name")));
        H(page, "</option>\n");
    }
    H(page, "</select>\n<button type=\"submit\">Hand over</button>\n</form>\n");
    json_decref(set);
}

static void attendance_form(struct web_request *r, struct html *page, long long mid)
{
    H(page, "<form method=\"post\" action=\"/meetings/");
    html_int(page, mid);
    H(page, "/attendance\">\n");
    html_csrf(page, r->csrf);
    H(page, "<button type=\"submit\" name=\"status\" value=\"present\">I will come</button>\n"
            "<button type=\"submit\" name=\"status\" value=\"apologies\">Send apologies"
            "</button>\n</form>\n");
}

static void section_records(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct actor v = web_meet_actor(r);
    struct meet_text *rules = NULL;
    size_t nr = 0;
    H(page, "<h2>Ground rules</h2>\n");
    if (store_ground_rules_list(r->db, m->set_id, &rules, &nr) == 0 && nr) {
        H(page, "<ol class=\"rules\">\n");
        for (size_t i = 0; i < nr; i++) {
            if (app_meet_may_see(r->db, &v, MEET_ITEM_GROUND_RULE, rules[i].id) != 1)
                continue;
            H(page, "<li>");
            html_text(page, rules[i].body);
            H(page, "</li>\n");
        }
        H(page, "</ol>\n");
    } else {
        H(page, "<p>The set has not agreed ground rules yet.</p>\n");
    }
    meet_texts_free(rules, nr);
    H(page, "<form method=\"post\" action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/rules\">\n");
    html_csrf(page, r->csrf);
    html_input(page, "text", "rule", "New ground rule", NULL, true);
    H(page, "<button type=\"submit\">Add rule</button>\n</form>\n");
    web_meeting_checkin(r, page, m);
    web_meeting_report_back(r, page, m);

    struct meet_presentation *ps = NULL;
    size_t np = 0;
    H(page, "<h2>Agenda</h2>\n");
    if (store_presentations_list(r->db, m->id, &ps, &np) != 0 || np == 0)
        H(page, "<p>No presenters yet.</p>\n");
    for (size_t i = 0; i < np; i++) {
        if (app_meet_may_see(r->db, &v, MEET_ITEM_PRESENTATION, ps[i].id) != 1)
            continue;
        H(page, "<section class=\"presentation\" id=\"p-");
        html_int(page, ps[i].id);
        H(page, "\">\n<h3>Presenter ");
        html_int(page, ps[i].position);
        H(page, ": <a href=\"/people/");
        html_int(page, ps[i].presenter_id);
        H(page, "\">");
        json_t *who = NULL;
        if (view_person(r->db, &r->user, ps[i].presenter_id, &who) == 0)
            html_text(page, json_string_value(json_object_get(who, "name")));
        else
            H(page, "a member");
        json_decref(who);
        H(page, "</a></h3>\n<p class=\"meta\">Airtime ");
        html_int(page, (long long)(ps[i].airtime_s / 60));
        H(page, " min");
        if (ps[i].bid_min) {
            H(page, " · bid ");
            html_int(page, ps[i].bid_min);
            H(page, " min");
        }
        H(page, "</p>\n<h4>Questions</h4>\n");
        struct meet_text *qs = NULL;
        size_t nq = 0;
        if (store_questions_list(r->db, ps[i].id, &qs, &nq) == 0 && nq) {
            H(page, "<ul class=\"questions\">\n");
            for (size_t j = 0; j < nq; j++) {
                if (app_meet_may_see(r->db, &v, MEET_ITEM_QUESTION, qs[j].id) != 1)
                    continue;
                H(page, "<li><strong class=\"tag\">");
                html_text(page, qs[j].kind);
                H(page, "</strong> · ");
                json_t *asker = NULL;
                if (qs[j].person_id && view_person(r->db, &r->user, qs[j].person_id, &asker) == 0) {
                    html_text(page, json_string_value(json_object_get(asker, "name")));
                    H(page, ": ");
                }
                json_decref(asker);
                html_text(page, qs[j].body);
                mark_buttons(r, page, m->id, qs[j].id);
                H(page, "</li>\n");
            }
            H(page, "</ul>\n");
        } else {
            H(page, "<p>No questions yet.</p>\n");
        }
        if (nq) {
            H(page, "<p><a href=\"/meetings/");
            html_int(page, m->id);
            H(page, "/presentations/");
            html_int(page, ps[i].id);
            H(page, "/questions.txt\">Take the questions away (text)</a></p>\n");
        }
        meet_texts_free(qs, nq);
        H(page, "<form method=\"post\" action=\"/meetings/");
        html_int(page, m->id);
        H(page, "/questions\">\n");
        html_csrf(page, r->csrf);
        H(page, "<input type=\"hidden\" name=\"presentation\" value=\"");
        html_int(page, ps[i].id);
        H(page, "\">\n");
        /* One question form per presentation: each field needs its own id. */
        H(page, "<p class=\"field\"><label for=\"q-");
        html_int(page, ps[i].id);
        H(page, "\">Question</label>\n<input type=\"text\" id=\"q-");
        html_int(page, ps[i].id);
        H(page, "\" name=\"body\" value=\"\" required></p>\n");
        H(page, "<button type=\"submit\">Add question</button>\n</form>\n");
        web_meeting_presentation_actions(r, page, m, &ps[i]);
        H(page, "</section>\n");
    }
    free(ps);
    web_meeting_actions_summary(r, page, m);
    web_meeting_reviews(r, page, m);
}

void page_meeting(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_MEETING, &m))
        return;
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, m.set_name, &v);
    H(&page, "<p class=\"meta\">");
    html_text(&page, m.programme_name);
    H(&page, " · ");
    html_when(&page, &m);
    if (*m.location) {
        H(&page, " · ");
        html_text(&page, m.location);
    }
    if (m.cancelled)
        H(&page, " · <strong>cancelled</strong>");
    H(&page, "</p>\n<p class=\"actions\"><a class=\"button\" href=\"/meetings/");
    html_int(&page, m.id);
    H(&page, "/ics\">Add to calendar (.ics)</a></p>\n");

    struct meet_quorum q = {0};
    int quorum = 0;
    struct meet_counts c = {0};
    if (store_meeting_quorum(r->db, m.id, &q, &quorum) == 0 &&
        store_meeting_counts(r->db, m.id, &c) == 0) {
        H(&page, "<h2>Attendance</h2>\n<p>Present ");
        html_int(&page, c.present);
        H(&page, " · apologies ");
        html_int(&page, c.apologies);
        H(&page, " · absent ");
        html_int(&page, c.absent);
        H(&page, "</p>\n");
        if (quorum > 0 && !q.met)
            H(&page, "<p class=\"error\">Fewer members are expected than the quorum.</p>\n");
    }
    struct actor mv = web_meet_actor(r);
    if (r->user.role == ROLE_ADMIN)
        admin_forms(r, &page, &m);
    if (app_meet_may_see(r->db, &mv, MEET_ITEM_REVIEW, m.id) == 1) {
        if (r->user.person_id)
            attendance_form(r, &page, m.id);
        if (r->user.person_id && r->user.person_id == m.facilitator_id)
            handover_form(r, &page, &m);
        web_meeting_timer(r, &page, &m);
        section_records(r, &page, &m);
    } else {
        /* Admins see how much happened, never what was said. */
        H(&page, "<h2>Records</h2>\n<p>");
        html_int(&page, c.presentations);
        H(&page, " presentations, ");
        html_int(&page, c.questions);
        H(&page, " questions, ");
        html_int(&page, c.actions);
        H(&page, " actions.");
        struct meet_round_counts rc = {0};
        if (store_meeting_round_counts(r->db, m.id, &rc) == 0) {
            H(&page, " ");
            html_int(&page, rc.checkins);
            H(&page, " check-ins, ");
            html_int(&page, rc.reviews);
            H(&page, " reviews, ");
            html_int(&page, rc.reported);
            H(&page, " actions reported back.");
        }
        H(&page, " Their content is for the set alone.</p>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    meeting_free(&m);
}

void page_meeting_question(struct web_request *r)
{
    if (!web_meet_allowed(r, MEET_ITEM_MEETING, r->ids[0]))
        return;
    const char *pid_text = formdata_get(&r->form, "presentation");
    const char *body = formdata_get(&r->form, "body");
    long long pid = pid_text ? atoll(pid_text) : 0;
    if (pid <= 0 || !body || !*body) {
        web_error(r, 400, "Say which presentation and what the question is.");
        return;
    }
    if (!web_meet_allowed(r, MEET_ITEM_PRESENTATION, pid))
        return;
    /* The presentation must belong to this meeting, so a form cannot write elsewhere. */
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    bool here = false;
    if (store_presentations_list(r->db, r->ids[0], &ps, &np) == 0)
        for (size_t i = 0; i < np; i++)
            here = here || ps[i].id == pid;
    free(ps);
    long long id;
    if (!here) {
        web_error(r, 404, "There is no such meeting record.");
        return;
    }
    if (store_question_add(r->db, pid, r->user.person_id, body, &id) != 0) {
        web_error(r, 422, "The question could not be saved (too long?).");
        return;
    }
    char *to = str_printf("/meetings/%lld", r->ids[0]);
    web_redirect(r, to);
    free(to);
}

void page_meeting_ics(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_MEETING, &m))
        return;
    web_send_ics(r, &m, 1, NULL);
    meeting_free(&m);
}
