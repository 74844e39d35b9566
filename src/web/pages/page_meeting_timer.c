/* The running-a-meeting timer on the meeting page: each presenter's phases with the current
 * one, time used and left, the overrun warning and airtime, driven by plain form POSTs
 * (Start / Pause / Next phase) over engine/meetings/timer.h; app.js only counts down between
 * page loads. Adding presenters lives here too because it sets up the timer. Members and the
 * facilitator only (MEET_ITEM_REVIEW); anyone else gets the same 404 as a missing meeting. */
#include "web/http/web.h"
#include "web/pages/meeting_access.h"

#include "app/meetings/meeting_records.h"

#include "store/store_meeting_round.h"
#include "store/store_meeting_timer.h"
#include "store/store_meetings.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* When a meeting has no sensible length, presenters share two hours. */
#define DEFAULT_TOTAL_S 7200

static const char *const phase_labels[MEET_PHASE_COUNT] = {
    "Presenting", "Clarifying questions", "Open questions", "Reflection", "Action",
};

/* The timer of meeting M: the stored one (0), or a fresh one over its presentations (1), or
 * -1 when there are no presenters or on error. Shares the meeting's length equally, or by
 * bids when every presenter made one. */
int web_meeting_timer_load(struct db *db, const struct meeting *m, struct meet_timer *t)
{
    int rc = store_meeting_timer_get(db, m->id, t);
    if (rc != 1)
        return rc;
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    if (store_presentations_list(db, m->id, &ps, &np) != 0 || np == 0 ||
        np > MEET_TIMER_MAX_PRESENTERS) {
        free(ps);
        return -1;
    }
    int64_t ids[MEET_TIMER_MAX_PRESENTERS], bids[MEET_TIMER_MAX_PRESENTERS];
    bool all_bid = true;
    for (size_t i = 0; i < np; i++) {
        ids[i] = ps[i].presenter_id;
        bids[i] = (int64_t)ps[i].bid_min * 60;
        all_bid = all_bid && ps[i].bid_min > 0;
    }
    free(ps);
    int64_t total = m->ends_at - m->starts_at;
    if (total <= 0)
        total = DEFAULT_TOTAL_S;
    if (meet_timer_init(t, (int)np, ids, total, all_bid ? bids : NULL, NULL) != 0)
        return -1;
    return 1;
}

/* "m:ss" for S seconds, with a minus sign when negative. */
static void html_clock(struct html *page, int64_t s)
{
    if (s < 0) {
        H(page, "-");
        s = -s;
    }
    char *text = str_printf("%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
    html_text(page, text ? text : "?");
    free(text);
}

static void person_name(struct web_request *r, struct html *page, long long id)
{
    json_t *who = NULL;
    if (view_person(r->db, &r->user, id, &who) == 0)
        html_text(page, json_string_value(json_object_get(who, "name")));
    else
        H(page, "a member");
    json_decref(who);
}

static void timer_button(struct web_request *r, struct html *page, long long mid,
                         const char *action, const char *label)
{
    H(page, "<form class=\"inline\" method=\"post\" action=\"/meetings/");
    html_int(page, mid);
    H(page, "/timer\">");
    html_csrf(page, r->csrf);
    H(page, "<button type=\"submit\" name=\"action\" value=\"");
    html_text(page, action);
    H(page, "\">");
    html_text(page, label);
    H(page, "</button></form>\n");
}

/* The add-presenter form: the members of the set at the meeting's time who are not presenting
 * yet. */
static void presenter_form(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_roll_entry *roll = NULL;
    size_t nr = 0;
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    if (store_meeting_roll(r->db, m->id, &roll, &nr) != 0 ||
        store_presentations_list(r->db, m->id, &ps, &np) != 0) {
        meet_roll_free(roll, nr);
        free(ps);
        return;
    }
    H(page, "<form method=\"post\" action=\"/meetings/");
    html_int(page, m->id);
    H(page, "/presenters\">\n");
    html_csrf(page, r->csrf);
    H(page, "<label for=\"presenter\">Add a presenter</label>\n"
            "<select id=\"presenter\" name=\"person\">\n");
    for (size_t i = 0; i < nr; i++) {
        long long id = roll[i].person_id;
        bool taken = false;
        for (size_t j = 0; j < np; j++)
            taken = taken || ps[j].presenter_id == id;
        if (taken)
            continue;
        H(page, "<option value=\"");
        html_int(page, id);
        H(page, "\">");
        html_text(page, roll[i].name);
        H(page, "</option>\n");
    }
    H(page, "</select>\n");
    html_input(page, "number", "bid", "Bid in minutes (empty: share equally)", NULL, false);
    H(page, "<button type=\"submit\">Add presenter</button>\n</form>\n");
    meet_roll_free(roll, nr);
    free(ps);
}

void web_meeting_timer(struct web_request *r, struct html *page, const struct meeting *m)
{
    struct meet_timer t;
    H(page, "<h2>Timer</h2>\n");
    int rc = web_meeting_timer_load(r->db, m, &t);
    if (rc < 0) {
        H(page, "<p>Add presenters to run the timer.</p>\n");
        presenter_form(r, page, m);
        return;
    }
    struct meet_timer_view v;
    meet_timer_view(&t, r->now, &v);
    static const char *const states[] = {"ready", "running", "paused", "done"};
    H(page, "<section class=\"timer\" id=\"timer\" data-state=\"");
    html_text(page, states[v.state]);
    H(page, "\" data-left=\"");
    html_int(page, (long long)v.phase_left_s);
    H(page, "\" data-warn=\"");
    html_int(page, MEET_TIMER_WARN_S);
    H(page, "\">\n");
    if (v.state == MEET_TIMER_DONE) {
        H(page, "<p class=\"notice\">All presentations are done.</p>\n");
    } else {
        H(page, "<p class=\"timer-now\">Now: <strong>");
        person_name(r, page, t.p[v.current].person_id);
        H(page, "</strong> · <strong class=\"phase\">");
        html_text(page, phase_labels[v.phase]);
        H(page, "</strong> (");
        html_text(page, states[v.state]);
        H(page, ") · used <span class=\"timer-used\">");
        html_clock(page, v.phase_used_s);
        H(page, "</span> of ");
        html_clock(page, v.phase_budget_s);
        H(page, " · left <span class=\"timer-left\">");
        html_clock(page, v.phase_left_s);
        H(page, "</span></p>\n");
        if (v.alert == MEET_ALERT_OVERRUN)
            H(page, "<p class=\"error timer-alert\">Overrun: this phase is over its time.</p>\n");
        else if (v.alert == MEET_ALERT_WARN)
            H(page, "<p class=\"notice timer-alert\">Less than a minute left.</p>\n");
    }
    html_scroll_begin(page, "Time per presenter and phase");
    H(page, "<table class=\"list\">\n<thead><tr><th scope=\"col\">Presenter</th>");
    for (int k = 0; k < MEET_PHASE_COUNT; k++) {
        H(page, "<th scope=\"col\">");
        html_text(page, phase_labels[k]);
        H(page, "</th>");
    }
    H(page, "<th scope=\"col\">Airtime</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < t.npresenters; i++) {
        H(page, "<tr><th scope=\"row\">");
        person_name(r, page, t.p[i].person_id);
        H(page, "</th>");
        for (int k = 0; k < MEET_PHASE_COUNT; k++) {
            bool now = v.state != MEET_TIMER_DONE && i == v.current && (int)v.phase == k;
            if (now)
                H(page, "<td class=\"current\">");
            else
                H(page, "<td>");
            html_clock(page, now ? v.phase_used_s : t.p[i].phase_used_s[k]);
            H(page, " / ");
            html_clock(page, t.p[i].phase_budget_s[k]);
            H(page, "</td>");
        }
        H(page, "<td class=\"airtime\">");
        html_clock(page, meet_timer_airtime(&t, i, r->now));
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
    html_scroll_end(page);
    H(page, "<div class=\"actions\">\n");
    if (v.state == MEET_TIMER_READY || v.state == MEET_TIMER_PAUSED)
        timer_button(r, page, m->id, "start", v.state == MEET_TIMER_READY ? "Start" : "Resume");
    if (v.state == MEET_TIMER_RUNNING)
        timer_button(r, page, m->id, "pause", "Pause");
    if (v.state != MEET_TIMER_DONE)
        timer_button(r, page, m->id, "next", "Next phase");
    H(page, "</div>\n</section>\n");
    /* Presenters can be added until the timer has started. */
    if (rc == 1 && t.npresenters < MEET_TIMER_MAX_PRESENTERS)
        presenter_form(r, page, m);
}

static void back(struct web_request *r)
{
    char *to = str_printf("/meetings/%lld#timer", r->ids[0]);
    web_redirect(r, to);
    free(to);
}

void page_meeting_timer(struct web_request *r)
{
    struct meeting m = {0};
    if (!web_meet_open(r, MEET_ITEM_REVIEW, &m))
        return;
    struct meet_timer t;
    int rc = web_meeting_timer_load(r->db, &m, &t);
    meeting_free(&m);
    if (rc < 0) {
        web_error(r, 422, "Add presenters before starting the timer.");
        return;
    }
    const char *action = formdata_get(&r->form, "action");
    if (!action)
        action = "";
    if (strcmp(action, "start") == 0)
        rc = meet_timer_start(&t, r->now);
    else if (strcmp(action, "pause") == 0)
        rc = meet_timer_pause(&t, r->now);
    else if (strcmp(action, "next") == 0)
        rc = meet_timer_next(&t, r->now);
    else {
        web_error(r, 400, "Say start, pause or next.");
        return;
    }
    if (rc != 0) {
        web_error(r, 409, "The timer cannot do that now (already running, paused or done).");
        return;
    }
    if (store_meeting_timer_put(r->db, r->ids[0], &t, r->now) != 0) {
        web_error(r, 500, "The timer could not be saved.");
        return;
    }
    back(r);
}

void page_meeting_presenter(struct web_request *r)
{
    const char *p = formdata_get(&r->form, "person");
    const char *b = formdata_get(&r->form, "bid");
    long long who = p ? atoll(p) : 0;
    long long bid = b && *b ? atoll(b) : 0;
    long long id;
    struct actor me = web_meet_actor(r);
    struct meeting_records_reply rep;
    enum status st = meeting_records_presenter_add(r->db, &me, r->ids[0], who, bid, &id, &rep);
    if (st != STATUS_OK) {
        web_error(r, web_status_code(st, rep.malformed), rep.msg);
        return;
    }
    back(r);
}
