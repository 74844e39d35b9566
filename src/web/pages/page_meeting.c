/* Meeting pages: "my meetings" (what is next), one meeting's page and its .ics download (the
 * per-person calendar feed is page_calendar.c). The meeting page is one screen for the live
 * meeting: a status block (who facilitates, the quorum, the agenda's times), then three stages
 * as <details>, before (apologies, check-in, ground rules), during (timer, presenters,
 * questions, actions) and after (report back, review, hand-over), the current one open; it works
 * with plain forms, and meeting.js sends the same forms without reloading and polls
 * GET /meetings/#/live so that two screens agree. Every record shown or changed passes
 * app_meet_may_see first; a refusal is a 404, the same answer as a record that does not exist,
 * so probing ids teaches nothing. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"

#include "engine/meetings/agenda.h"
#include "engine/meetings/rules.h"
#include "engine/meetings/when.h"
#include "store/store_meeting_timer.h"
#include "store/store_meetings.h"
#include "web/http/views.h"

#include <stdio.h>
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
        H(page, "<p>No meetings are planned for you yet. Once your set's meetings are scheduled "
                "they appear here, and in your calendar if you add its feed "
                "(<a href=\"/account/calendar\">Calendar</a>).</p>\n");
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

static void attendance_form(struct web_request *r, struct html *page, long long mid)
{
    H(page, "<section id=\"attendance\" data-region>\n<h3>Apologies</h3>\n"
            "<p class=\"hint\">Say ahead whether you will come; the check-in below marks who "
            "is here on the day.</p>\n<form method=\"post\" data-live action=\"/meetings/");
    html_int(page, mid);
    H(page, "/attendance\">\n");
    html_csrf(page, r->csrf);
    H(page, "<button type=\"submit\" name=\"status\" value=\"present\">I will come</button>\n"
            "<button type=\"submit\" name=\"status\" value=\"apologies\">Send apologies"
            "</button>\n</form>\n</section>\n");
}

static void rules_section(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct actor v = web_meet_actor(r);
    struct meet_text *rules = NULL;
    size_t nr = 0;
    H(page, "<section id=\"rules\" data-region>\n<h3>Ground rules</h3>\n");
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
    H(page, "<form method=\"post\" data-live action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/rules\">\n");
    html_csrf(page, r->csrf);
    html_input(page, "text", "rule", "New ground rule", NULL, true);
    H(page, "<button type=\"submit\">Add rule</button>\n</form>\n</section>\n");
}

/* "14:05" for UTC time AT in zone TZID into BUF. */
static void local_clock(const char *tzid, int64_t at, char *buf, size_t size)
{
    struct meet_local l;
    if (meet_tz_from_utc(tzid, at, &l) != 0)
        snprintf(buf, size, "?");
    else
        snprintf(buf, size, "%02d:%02d", l.hour, l.minute);
}

/* The agenda: each round's start in the meeting's zone and its minutes, the presenters' slots
 * from the timer (T, NULL when there are no presenters yet). */
static void agenda(struct web_request *r, struct html *page, const struct meeting *m,
                   const struct meet_timer *t)
{
    struct meet_agenda a;
    int64_t total = m->ends_at - m->starts_at;
    meet_agenda_split(total, &a);
    if (total <= 0)
        return;
    H(page, "<h2 class=\"sr\">Agenda</h2>\n<ol class=\"agenda\" aria-label=\"Agenda\">\n");
    int64_t at = m->starts_at;
    for (int k = 0; k < MEET_ROUND_COUNT; k++) {
        if (!a.round_s[k])
            continue;
        char clock[16];
        local_clock(m->tzid, at, clock, sizeof clock);
        H(page, "<li><span class=\"at\">");
        html_text(page, clock);
        H(page, "</span> ");
        html_text(page, meet_round_label((enum meet_round)k));
        H(page, " <span class=\"meta\">");
        html_int(page, (long long)(a.round_s[k] / 60));
        H(page, " min");
        if (k == MEET_ROUND_PRESENTERS && t) {
            for (int i = 0; i < t->npresenters; i++) {
                if (i)
                    H(page, ", ");
                else
                    H(page, ": ");
                json_t *who = NULL;
                if (view_person(r->db, &r->user, t->p[i].person_id, &who) == 0)
                    html_text(page, json_string_value(json_object_get(who, "name")));
                else
                    H(page, "a member");
                json_decref(who);
                H(page, " ");
                html_int(page, (long long)(t->p[i].budget_s / 60));
            }
        }
        H(page, "</span></li>\n");
        at += a.round_s[k];
    }
    H(page, "</ol>\n");
}

/* Who facilitates meeting M, as R's viewer may see the name: a new string, NULL when none. */
static char *facilitator_name(struct web_request *r, const struct meeting *m)
{
    if (!m->facilitator_id)
        return NULL;
    json_t *who = NULL;
    const char *name = NULL;
    if (view_person(r->db, &r->user, m->facilitator_id, &who) == 0)
        name = json_string_value(json_object_get(who, "name"));
    char *out = strdup(name ? name : "the set's facilitator");
    json_decref(who);
    return out;
}

/* The quorum in words, into BUF; false when it could not be read. */
static bool quorum_text(struct web_request *r, long long mid, struct meet_counts *c, bool *met,
                        char *buf, size_t size)
{
    struct meet_quorum q = {0};
    int quorum = 0;
    if (store_meeting_quorum(r->db, mid, &q, &quorum) != 0 ||
        store_meeting_counts(r->db, mid, c) != 0)
        return false;
    meet_quorum_sentence(&q, quorum, c->present, c->apologies, buf, size);
    *met = q.met;
    return true;
}

/* The block every screen keeps in sync: who facilitates, the quorum and attendance, the
 * agenda. */
static void live_status(struct web_request *r, struct html *page, const struct meeting *m)
{
    H(page, "<section id=\"live-status\" class=\"live-status\" data-region>\n"
            "<p class=\"facilitator\">");
    char *fac = facilitator_name(r, m);
    if (fac) {
        H(page, "Facilitating this meeting: <strong id=\"facilitator-now\">");
        html_text(page, fac);
        H(page, "</strong>");
        if (m->facilitator_id == r->user.person_id)
            H(page, " (you)");
    } else {
        H(page, "No one is named to facilitate this meeting.");
    }
    free(fac);
    H(page, "</p>\n");
    struct meet_counts c = {0};
    char text[MEET_QUORUM_TEXT_MAX];
    bool met = true;
    if (quorum_text(r, m->id, &c, &met, text, sizeof text)) {
        H(page, "<p class=\"quorum");
        if (!met)
            H(page, " error");
        H(page, "\" id=\"quorum\">");
        html_text(page, text);
        H(page, "</p>\n");
    }
    struct meet_timer t;
    bool timed = web_meeting_timer_load(r->db, m, &t) >= 0;
    agenda(r, page, m, timed ? &t : NULL);
    H(page, "</section>\n");
}

const char *web_meeting_stage(struct web_request *r, const struct meeting *m)
{
    static const char *const stages[] = {"before", "during", "after"};
    const char *asked = formdata_get(&r->query, "stage");
    for (int i = 0; asked && i < 3; i++)
        if (strcmp(asked, stages[i]) == 0)
            return stages[i];
    struct meet_timer t;
    int rc = web_meeting_timer_load(r->db, m, &t);
    if (rc >= 0) {
        struct meet_timer_view v;
        meet_timer_view(&t, r->now, &v);
        if (v.state == MEET_TIMER_DONE)
            return "after";
        if (v.state != MEET_TIMER_READY)
            return "during";
    }
    if (r->now > m->ends_at)
        return "after";
    return "before";
}

void web_meeting_back(struct web_request *r, const char *stage, const char *anchor)
{
    char *to = str_printf("/meetings/%lld?stage=%s#%s", r->ids[0], stage, anchor);
    web_redirect(r, to);
    free(to);
}

/* Opens one stage of the meeting: a <details> (open when it is STAGE) with its heading. */
static void stage_begin(struct html *page, const char *id, const char *stage, const char *title,
                        const char *what)
{
    H(page, "<details class=\"stage\" id=\"");
    html_text(page, id);
    H(page, "\"");
    if (strcmp(id, stage) == 0)
        H(page, " open");
    H(page, ">\n<summary><span class=\"stage-title\">");
    html_text(page, title);
    H(page, "</span> <span class=\"meta\">");
    html_text(page, what);
    H(page, "</span></summary>\n<h2 class=\"sr\">");
    html_text(page, title);
    H(page, "</h2>\n");
}

static void stage_nav(struct html *page, long long mid, const char *stage)
{
    static const char *const ids[] = {"before", "during", "after"};
    static const char *const labels[] = {"Before", "During", "After"};
    H(page, "<nav class=\"stages\" aria-label=\"Stages of the meeting\"><ul>\n");
    for (int i = 0; i < 3; i++) {
        H(page, "<li><a href=\"/meetings/");
        html_int(page, mid);
        H(page, "?stage=");
        html_text(page, ids[i]);
        H(page, "#");
        html_text(page, ids[i]);
        H(page, "\"");
        if (strcmp(ids[i], stage) == 0)
            H(page, " class=\"current\"");
        H(page, ">");
        html_text(page, labels[i]);
        H(page, "</a></li>\n");
    }
    H(page, "</ul></nav>\n");
}

static void live_meeting(struct web_request *r, struct html *page, const struct meeting *m)
{
    const char *stage = web_meeting_stage(r, m);
    live_status(r, page, m);
    stage_nav(page, m->id, stage);
    stage_begin(page, "before", stage, "Before", "apologies, check-in, ground rules");
    if (r->user.person_id)
        attendance_form(r, page, m->id);
    web_meeting_checkin(r, page, m);
    rules_section(r, page, m);
    H(page, "</details>\n");
    stage_begin(page, "during", stage, "During", "timer, presenters, questions, actions");
    web_meeting_timer(r, page, m);
    web_meeting_presentations(r, page, m);
    web_meeting_actions_summary(r, page, m);
    H(page, "</details>\n");
    stage_begin(page, "after", stage, "After", "report back, review, hand-over");
    web_meeting_report_back(r, page, m);
    web_meeting_reviews(r, page, m);
    web_meeting_handover(r, page, m);
    H(page, "</details>\n<script src=\"/static/meeting.js\" defer></script>\n");
}

/* Admins see how much happened, never what was said. */
static void counts_only(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_counts c = {0};
    char text[MEET_QUORUM_TEXT_MAX];
    bool met = true;
    if (quorum_text(r, m->id, &c, &met, text, sizeof text)) {
        H(page, "<h2>Attendance</h2>\n<p>Present ");
        html_int(page, c.present);
        H(page, " · apologies ");
        html_int(page, c.apologies);
        H(page, " · absent ");
        html_int(page, c.absent);
        H(page, "</p>\n<p class=\"quorum");
        if (!met)
            H(page, " error");
        H(page, "\" id=\"quorum\">");
        html_text(page, text);
        H(page, "</p>\n");
    }
    if (r->user.role == ROLE_ADMIN)
        admin_forms(r, page, m);
    H(page, "<h2>Records</h2>\n<p>");
    html_int(page, c.presentations);
    H(page, " presentations, ");
    html_int(page, c.questions);
    H(page, " questions, ");
    html_int(page, c.actions);
    H(page, " actions.");
    struct meet_round_counts rc = {0};
    if (store_meeting_round_counts(r->db, m->id, &rc) == 0) {
        H(page, " ");
        html_int(page, rc.checkins);
        H(page, " check-ins, ");
        html_int(page, rc.reviews);
        H(page, " reviews, ");
        html_int(page, rc.reported);
        H(page, " actions reported back.");
    }
    H(page, " Their content is for the set alone.</p>\n");
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
    H(&page, " · <a href=\"/meetings/");
    html_int(&page, m.id);
    H(&page, "/ics\">Add to calendar (.ics)</a></p>\n");
    struct actor mv = web_meet_actor(r);
    if (app_meet_may_see(r->db, &mv, MEET_ITEM_REVIEW, m.id) == 1) {
        if (r->user.role == ROLE_ADMIN)
            admin_forms(r, &page, &m);
        live_meeting(r, &page, &m);
    } else {
        counts_only(r, &page, &m);
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    meeting_free(&m);
}

json_t *web_meeting_live_json(struct web_request *r, const struct meeting *m)
{
    struct meet_timer t;
    json_t *timer;
    if (web_meeting_timer_load(r->db, m, &t) >= 0)
        timer = web_meeting_timer_json(r, m->id, &t);
    else
        timer = json_pack("{sI ss sn ss sb s[]}", "meeting_id", (json_int_t)m->id, "state",
                          "no_presenters", "current", "alert", "none", "overrun", 0, "presenters");
    json_t *o = json_pack("{sI so ss sI}", "meeting_id", (json_int_t)m->id, "timer", timer, "stage",
                          web_meeting_stage(r, m), "now", (json_int_t)r->now);
    char *fac = facilitator_name(r, m);
    json_object_set_new(o, "facilitator",
                        fac ? json_pack("{sI ss}", "id", (json_int_t)m->facilitator_id, "name", fac)
                            : json_null());
    free(fac);
    struct meet_counts c = {0};
    char text[MEET_QUORUM_TEXT_MAX];
    bool met = true;
    if (quorum_text(r, m->id, &c, &met, text, sizeof text))
        json_object_set_new(o, "quorum",
                            json_pack("{ss sb si si si}", "text", text, "met", met, "present",
                                      c.present, "apologies", c.apologies, "absent", c.absent));
    return o;
}

/* GET /meetings/#/live: the live state as JSON for meeting.js (members and facilitator). */
void page_meeting_live(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_REVIEW, &m))
        return;
    web_json(r, 200, web_meeting_live_json(r, &m));
    meeting_free(&m);
}

void page_meeting_ics(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_MEETING, &m))
        return;
    web_send_ics(r, &m, 1, NULL);
    meeting_free(&m);
}
