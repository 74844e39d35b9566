/* Mixer event pages for admins: the events of a programme, creating one, the schedule with its
 * figures, generating, marking absentees (which re-plans the rounds not locked) and locking the
 * rounds played. Plain forms: everything works without JavaScript. */
#include "web/pages/page_events.h"

#include "engine/meetings/when.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

static int int_field(const struct formdata *f, const char *name, int fallback)
{
    const char *s = formdata_get(f, name);
    if (!s || !*s)
        return fallback;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < -1000000 || v > 1000000)
        return -1000001; /* out of every range: the checks reject it */
    return (int)v;
}

static void redirect_event(struct web_request *r, long long id, const char *notice)
{
    char *to = str_printf("/events/%lld%s", id, notice ? notice : "");
    web_redirect(r, to ? to : "/");
    free(to);
}

static void figures(struct html *page, const struct event_view *v)
{
    const struct store_event *e = &v->ev;
    long least = event_least_repeats(v);
    H(page, "<dl class=\"facts\">\n<dt>Pairs meeting more than once</dt><dd id=\"repeats\">");
    html_int(page, e->repeat_pairs);
    H(page, "</dd>\n<dt>Most meetings of one pair</dt><dd>");
    html_int(page, e->max_meetings);
    H(page, "</dd>\n<dt>Most rounds without repeats (bound)</dt><dd>");
    html_int(page, e->bound);
    H(page, "</dd>\n<dt>Fewest repeats possible (proven lower bound)</dt><dd id=\"least\">");
    html_int(page, least > 0 ? least : 0);
    H(page, "</dd>\n<dt>Proven</dt><dd id=\"proven\">");
    bool optimal = least > 0 && e->repeat_pairs <= least && e->max_meetings <= 2;
    if (e->perfect)
        H(page, "perfect");
    else if (optimal)
        H(page, "optimal");
    else if (least > 0) {
        H(page, "not proven: ");
        html_int(page, e->repeat_pairs - least);
        H(page, " more repeats than the lower bound");
    } else
        H(page, "not proven");
    if (e->mix_by[0]) {
        H(page, "</dd>\n<dt>Meetings of two people with the same ");
        html_text(page, e->mix_by);
        H(page, "</dt><dd id=\"same-attr\">");
        html_int(page, e->same_attr);
    }
    H(page, "</dd>\n<dt>Method</dt><dd>");
    html_text(page, e->method);
    H(page, "</dd>\n</dl>\n");
    if (e->perfect)
        html_notice(page, false, "The schedule is perfect: nobody meets anyone twice.");
    else if (optimal)
        html_notice(page, false,
                    "The schedule is optimal: no schedule has fewer repeats without a pair "
                    "meeting three times.");
    else if (least > 0)
        H(page, "<p class=\"hint\">Some pairs must meet again (see the proven lower bound); "
                "Generate again may find fewer.</p>\n");
    else if (e->rounds > e->bound)
        H(page, "<p class=\"hint\">More rounds than the bound: some pairs must meet again.</p>\n");
}

/* One round as a list of tables. */
static void round_tables(struct html *page, const struct event_view *v, int r)
{
    int tables = 0;
    for (int i = 0; i < v->n; i++)
        if (v->table[(long)r * v->n + i] + 1 > tables)
            tables = v->table[(long)r * v->n + i] + 1;
    H(page, "<table class=\"list\">\n<thead><tr><th scope=\"col\">Table</th>"
            "<th scope=\"col\">People</th></tr></thead>\n<tbody>\n");
    for (int t = 0; t < tables; t++) {
        H(page, "<tr><td>");
        html_int(page, t + 1);
        H(page, "</td><td>");
        bool first = true;
        for (int i = 0; i < v->n; i++)
            if (v->table[(long)r * v->n + i] == t) {
                if (!first)
                    H(page, ", ");
                first = false;
                html_text(page, event_person_name(v, i));
            }
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
    bool any = false;
    for (int i = 0; i < v->n; i++)
        if (v->absent[(long)r * v->n + i]) {
            if (any)
                H(page, ", ");
            else
                H(page, "<p>Absent: ");
            any = true;
            html_text(page, event_person_name(v, i));
        }
    if (any)
        H(page, "</p>\n");
}

/* When, where, and each rule in a sentence. */
static void details(struct html *page, const struct event_view *v)
{
    const struct store_event *e = &v->ev;
    char when[MEET_WHEN_MAX];
    event_when(e, when, sizeof when);
    H(page, "<dl class=\"facts\" id=\"when-where\">\n<dt>When</dt><dd>");
    if (when[0])
        html_text(page, when);
    else
        H(page, "no date or time given");
    H(page, "</dd>\n<dt>Where</dt><dd>");
    if (e->place[0])
        html_text(page, e->place);
    else
        H(page, "no place given");
    H(page, "</dd>\n</dl>\n");
    if (!e->mix_by[0] && !e->apart_plan_id && !e->apart_event_id)
        return;
    H(page, "<h2>Mixing</h2>\n<ul class=\"rules\">\n");
    if (e->mix_by[0]) {
        H(page, "<li>People who share a ");
        html_text(page, e->mix_by);
        H(page, " are spread over different tables.</li>\n");
    }
    if (e->apart_plan_id) {
        H(page, "<li>Members of one action learning set never sit at one table (");
        html_int(page, (long long)v->rules.apart_count);
        H(page, " pairs of set-mates kept apart).</li>\n");
    }
    if (e->apart_event_id) {
        H(page, "<li>People who shared a table at <a href=\"/events/");
        html_int(page, e->apart_event_id);
        H(page, "\">an earlier event</a> count as having met and are seated with new people where "
                "possible.</li>\n");
    }
    H(page, "</ul>\n");
    if (v->rules_problem[0])
        html_notice(page, true, v->rules_problem);
}

static void event_page(struct web_request *r, int status, const char *problem)
{
    struct event_view v;
    int rc = event_view_load(r->db, r->ids[0], &v);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
        return;
    }
    struct html page = {0};
    struct html_viewer viewer = web_viewer(r);
    html_page_begin(&page, v.ev.name, &viewer);
    H(&page, "<p class=\"meta\"><a href=\"/programmes/");
    html_int(&page, v.ev.programme_id);
    H(&page, "/events\">All events</a> · ");
    html_int(&page, v.n);
    H(&page, " people, tables of ");
    if (v.ev.min_group_size) {
        html_int(&page, v.ev.min_group_size);
        H(&page, "-");
    }
    html_int(&page, v.ev.group_size);
    H(&page, ", ");
    html_int(&page, v.ev.rounds);
    H(&page, " rounds</p>\n");
    details(&page, &v);
    if (problem)
        html_notice(&page, true, problem);
    H(&page, "<form method=\"post\" action=\"/events/");
    html_int(&page, v.ev.id);
    H(&page, "/generate\">");
    html_csrf(&page, r->csrf);
    if (v.ev.generated)
        H(&page, "<p class=\"actions\"><button type=\"submit\">Re-plan the rounds not locked"
                 "</button> <a class=\"button\" href=\"/events/");
    else
        H(&page, "<p class=\"actions\"><button type=\"submit\">Generate</button>"
                 " <a class=\"button\" href=\"/events/");
    html_int(&page, v.ev.id);
    H(&page, "/print\">Print</a> <a class=\"button\" href=\"/events/");
    html_int(&page, v.ev.id);
    H(&page, "/schedule.csv\">Download CSV</a></p>\n</form>\n");
    if (v.ev.generated) {
        figures(&page, &v);
        for (int rd = 0; rd < v.ev.rounds; rd++) {
            H(&page, "<section class=\"round\">\n<h2>Round ");
            html_int(&page, rd + 1);
            if (rd < v.ev.locked_rounds)
                H(&page, " (locked)");
            char at[32];
            event_round_time(&v, rd, at, sizeof at);
            if (at[0]) {
                H(&page, " · ");
                html_text(&page, at);
            }
            H(&page, "</h2>\n");
            round_tables(&page, &v, rd);
            H(&page, "</section>\n");
        }
        H(&page, "<h2>Lock the rounds played</h2>\n<form method=\"post\" action=\"/events/");
        html_int(&page, v.ev.id);
        H(&page, "/lock\">");
        html_csrf(&page, r->csrf);
        H(&page, "<label for=\"locked\">Rounds played</label> <select id=\"locked\" "
                 "name=\"locked\">");
        for (int k = 0; k <= v.ev.rounds; k++) {
            H(&page, "<option value=\"");
            html_int(&page, k);
            if (k == v.ev.locked_rounds)
                H(&page, "\" selected>");
            else
                H(&page, "\">");
            html_int(&page, k);
            H(&page, "</option>");
        }
        H(&page, "</select> <button type=\"submit\">Lock</button>\n</form>\n");
    }
    H(&page, "<h2>Mark someone absent</h2>\n<form method=\"post\" action=\"/events/");
    html_int(&page, v.ev.id);
    H(&page, "/absent\">");
    html_csrf(&page, r->csrf);
    H(&page, "<label for=\"person\">Person</label> <select id=\"person\" name=\"person\">");
    for (int i = 0; i < v.n; i++) {
        H(&page, "<option value=\"");
        html_int(&page, v.ids[i]);
        H(&page, "\">");
        html_text(&page, event_person_name(&v, i));
        H(&page, "</option>");
    }
    H(&page, "</select> <label for=\"round\">Round</label> <select id=\"round\" name=\"round\">");
    for (int rd = v.ev.generated ? v.ev.locked_rounds : 0; rd < v.ev.rounds; rd++) {
        H(&page, "<option>");
        html_int(&page, rd + 1);
        H(&page, "</option>");
    }
    H(&page, "</select> <label><input type=\"checkbox\" name=\"present\" value=\"1\"> present "
             "again</label> <button type=\"submit\">Save and re-plan</button>\n</form>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
    event_view_free(&v);
}

void page_event(struct web_request *r)
{
    event_page(r, 200, NULL);
}

/* Shows the outcome of an action: back to the event, or the event page with the problem. */
static void after(struct web_request *r, int rc, const char *err)
{
    if (rc == 0)
        redirect_event(r, r->ids[0], NULL);
    else if (rc == 1)
        event_page(r, 422, err);
    else
        web_error(r, 500, "The event could not be saved.");
}

void page_event_generate(struct web_request *r)
{
    char err[256] = "";
    struct store_event ev;
    int rc = store_event_get(r->db, r->ids[0], &ev);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
        return;
    }
    after(r, event_plan(r->db, r->ids[0], err, sizeof err), err);
}

void page_event_absent(struct web_request *r)
{
    char err[256] = "";
    struct store_event ev;
    int rc = store_event_get(r->db, r->ids[0], &ev);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
        return;
    }
    const char *person = formdata_get(&r->form, "person");
    long long pid = person ? strtoll(person, NULL, 10) : 0;
    int round = int_field(&r->form, "round", 0) - 1;
    bool present = formdata_get(&r->form, "present") != NULL;
    after(r, event_mark_absent(r->db, r->ids[0], pid, round, !present, err, sizeof err), err);
}

void page_event_lock(struct web_request *r)
{
    char err[256] = "";
    int rc = event_set_locked(r->db, r->ids[0], int_field(&r->form, "locked", -1), err, sizeof err);
    if (rc == 1 && strcmp(err, "") == 0)
        web_error(r, 404, "There is no such event.");
    else
        after(r, rc, err);
}
