/* An event on paper: a card per table per round (to put on the tables) and each person's
 * itinerary (table per round), with the print stylesheet hiding the navigation; and the
 * schedule as CSV, formula-safe through csv_append_field. */
#include "web/pages/page_events.h"

#include "engine/meetings/when.h"
#include "io/csv/csv_reader.h"

#include <stdlib.h>
#include <string.h>

static int load(struct web_request *r, struct event_view *v)
{
    int rc = event_view_load(r->db, r->ids[0], v);
    if (rc != 0)
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
    return rc;
}

/* The event's name, when and where, on one line ("Spring mixer · Tue 12 Jan 2027, 14:00 GMT ·
 * Hall 2"). */
static void event_line(struct html *page, const struct store_event *e)
{
    char when[MEET_WHEN_MAX];
    event_when(e, when, sizeof when);
    html_text(page, e->name);
    if (when[0]) {
        H(page, " · ");
        html_text(page, when);
    }
    if (e->place[0]) {
        H(page, " · ");
        html_text(page, e->place);
    }
}

/* The tables in round RD: the highest table number plus one. */
static int tables_in(const struct event_view *v, int rd)
{
    int tables = 0;
    for (int i = 0; i < v->n; i++)
        if (v->table[(long)rd * v->n + i] + 1 > tables)
            tables = v->table[(long)rd * v->n + i] + 1;
    return tables;
}

/* "Round 2 · 14:20-14:40" (the time when the event has one). */
static void round_line(struct html *page, const struct event_view *v, int rd)
{
    char at[32];
    event_round_time(v, rd, at, sizeof at);
    H(page, "Round ");
    html_int(page, rd + 1);
    if (at[0]) {
        H(page, " · ");
        html_text(page, at);
    }
}

/* One card per table per round, half an A4 sheet each in print (style.css). */
static void cards(struct html *page, const struct event_view *v)
{
    H(page, "<section class=\"cards-part\" aria-labelledby=\"cards-h\">\n<h2 id=\"cards-h\" "
            "class=\"screen-only\">Table cards</h2>\n<div class=\"table-cards\">\n");
    for (int rd = 0; rd < v->ev.rounds; rd++)
        for (int t = 0, tables = tables_in(v, rd); t < tables; t++) {
            H(page, "<section class=\"table-card\" data-round=\"");
            html_int(page, rd + 1);
            H(page, "\" data-table=\"");
            html_int(page, t + 1);
            H(page, "\">\n<p class=\"card-event\">");
            event_line(page, &v->ev);
            H(page, "</p>\n<h3><span class=\"card-label\">Table</span> <span "
                    "class=\"card-number\">");
            html_int(page, t + 1);
            H(page, "</span></h3>\n<p class=\"card-round\">");
            round_line(page, v, rd);
            H(page, "</p>\n<ul class=\"card-names\">\n");
            for (int i = 0; i < v->n; i++)
                if (v->table[(long)rd * v->n + i] == t) {
                    H(page, "<li>");
                    html_text(page, event_person_name(v, i));
                    H(page, "</li>\n");
                }
            H(page, "</ul>\n</section>\n");
        }
    H(page, "</div>\n</section>\n");
}

struct by_name {
    const char *name;
    int index;
};

static int by_name_cmp(const void *a, const void *b)
{
    const struct by_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->index - y->index;
}

/* One slip per person, in order of name: their table in each round, to cut out and hand over. */
static void slips(struct html *page, const struct event_view *v, bool after_cards)
{
    if (after_cards)
        H(page, "<section class=\"slips-part after-cards\" aria-labelledby=\"slips-h\">");
    else
        H(page, "<section class=\"slips-part\" aria-labelledby=\"slips-h\">");
    H(page, "\n<h2 id=\"slips-h\">"
            "Itineraries</h2>\n<div class=\"slips\">\n");
    struct by_name *order = malloc(((size_t)v->n + 1) * sizeof *order);
    for (int k = 0; order && k < v->n; k++)
        order[k] = (struct by_name){event_person_name(v, k), k};
    if (order)
        qsort(order, (size_t)v->n, sizeof *order, by_name_cmp);
    for (int k = 0; k < v->n; k++) {
        int i = order ? order[k].index : k;
        H(page, "<section class=\"slip\">\n<h3>");
        html_text(page, event_person_name(v, i));
        H(page, "</h3>\n<p>");
        event_line(page, &v->ev);
        H(page, "</p>\n<ol class=\"itinerary\">\n");
        for (int rd = 0; rd < v->ev.rounds; rd++) {
            int t = v->table[(long)rd * v->n + i];
            H(page, "<li>");
            round_line(page, v, rd);
            H(page, ": ");
            if (t < 0)
                H(page, "absent");
            else {
                H(page, "<strong>table ");
                html_int(page, t + 1);
                H(page, "</strong>");
            }
            H(page, "</li>\n");
        }
        H(page, "</ol>\n</section>\n");
    }
    free(order);
    H(page, "</div>\n</section>\n");
}

void page_event_print(struct web_request *r)
{
    struct event_view v;
    if (load(r, &v) != 0)
        return;
    struct html page = {0};
    struct html_viewer viewer = web_viewer(r);
    html_page_begin(&page, v.ev.name, &viewer);
    H(&page, "<div class=\"mixer-print\">\n<p class=\"meta screen-only\"><a href=\"/events/");
    html_int(&page, v.ev.id);
    H(&page, "\">Back to the event</a></p>\n");
    if (!v.ev.generated)
        H(&page, "<p>The schedule has not been generated yet: generate it on the event page, then "
                 "print.</p>\n");
    else {
        /* ?part=cards or ?part=slips prints one of the two alone. */
        const char *part = formdata_get(&r->query, "part");
        bool want_cards = !part || strcmp(part, "slips") != 0;
        bool want_slips = !part || strcmp(part, "cards") != 0;
        H(&page, "<p class=\"hint screen-only\">Print this page with your browser (Ctrl+P or "
                 "Cmd+P) on A4: each table card fills half a sheet, with the table number large "
                 "enough to read across the room; cut along the dashed line. The itineraries "
                 "follow on their own pages, one slip per person to hand out.</p>\n"
                 "<p class=\"actions screen-only\"><a class=\"button\" href=\"/events/");
        html_int(&page, v.ev.id);
        H(&page, "/print?part=cards\">Table cards only</a> <a class=\"button\" href=\"/events/");
        html_int(&page, v.ev.id);
        H(&page, "/print?part=slips\">Itineraries only</a> <a class=\"button\" href=\"/events/");
        html_int(&page, v.ev.id);
        H(&page, "/print\">Both</a></p>\n");
        if (want_cards)
            cards(&page, &v);
        if (want_slips)
            slips(&page, &v, want_cards);
    }
    H(&page, "</div>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    event_view_free(&v);
}

void page_event_csv(struct web_request *r)
{
    struct event_view v;
    if (load(r, &v) != 0)
        return;
    sb_reset(&r->body);
    sb_append(&r->body, "round,table,person_id,name\r\n");
    for (int rd = 0; rd < v.ev.rounds && v.ev.generated; rd++)
        for (int i = 0; i < v.n; i++) {
            int t = v.table[(long)rd * v.n + i];
            sb_printf(&r->body, "%d,", rd + 1);
            if (t < 0)
                sb_append(&r->body, "absent");
            else
                sb_printf(&r->body, "%d", t + 1);
            sb_printf(&r->body, ",%lld,", v.ids[i]);
            csv_append_field(&r->body, event_person_name(&v, i));
            sb_append(&r->body, "\r\n");
        }
    r->status = 200;
    r->content_type_out = "text/csv; charset=utf-8";
    event_view_free(&v);
}

/* Anyone's own itinerary: the table for each round of an event of a programme they are a
 * member of; everyone else (admins included, who have the print view) gets 404, so that
 * nobody learns which events exist in programmes they are not part of. */
void page_event_mine(struct web_request *r)
{
    struct event_view v;
    int rc = event_view_load(r->db, r->ids[0], &v);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
        return;
    }
    int me = -1;
    for (int i = 0; i < v.n && r->user.person_id > 0; i++)
        if (v.ids[i] == r->user.person_id)
            me = i;
    if (me < 0) {
        event_view_free(&v);
        web_error(r, 404, "There is no such event.");
        return;
    }
    struct html page = {0};
    struct html_viewer viewer = web_viewer(r);
    html_page_begin(&page, v.ev.name, &viewer);
    char when[MEET_WHEN_MAX];
    event_when(&v.ev, when, sizeof when);
    H(&page, "<dl class=\"facts\" id=\"when-where\">\n<dt>When</dt><dd>");
    if (when[0])
        html_text(&page, when);
    else
        H(&page, "the organiser has not given a time yet");
    H(&page, "</dd>\n<dt>Where</dt><dd>");
    if (v.ev.place[0])
        html_text(&page, v.ev.place);
    else
        H(&page, "the organiser has not given a place yet");
    H(&page, "</dd>\n</dl>\n");
    if (!v.ev.generated)
        H(&page, "<p>The tables have not been planned yet.</p>\n");
    else {
        H(&page, "<table class=\"list itinerary\">\n<thead><tr><th scope=\"col\">Round</th>"
                 "<th scope=\"col\">Time</th><th scope=\"col\">Your table</th></tr></thead>\n"
                 "<tbody>\n");
        for (int rd = 0; rd < v.ev.rounds; rd++) {
            int t = v.table[(long)rd * v.n + me];
            char at[32];
            event_round_time(&v, rd, at, sizeof at);
            H(&page, "<tr><td>");
            html_int(&page, rd + 1);
            H(&page, "</td><td>");
            html_text(&page, at);
            H(&page, "</td><td>");
            if (t < 0)
                H(&page, "absent");
            else
                html_int(&page, t + 1);
            H(&page, "</td></tr>\n");
        }
        H(&page, "</tbody></table>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    event_view_free(&v);
}
