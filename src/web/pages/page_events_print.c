/* An event on paper: a card per table per round (to put on the tables) and each person's
 * itinerary (table per round), with the print stylesheet hiding the navigation; and the
 * schedule as CSV, formula-safe through csv_append_field. */
#include "web/pages/page_events.h"

#include "io/csv/csv_reader.h"

#include <stdlib.h>

static int load(struct web_request *r, struct event_view *v)
{
    int rc = event_view_load(r->db, r->ids[0], v);
    if (rc != 0)
        web_error(r, rc == 1 ? 404 : 500, "There is no such event.");
    return rc;
}

void page_event_print(struct web_request *r)
{
    struct event_view v;
    if (load(r, &v) != 0)
        return;
    struct html page = {0};
    struct html_viewer viewer = web_viewer(r);
    html_page_begin(&page, v.ev.name, &viewer);
    if (!v.ev.generated)
        H(&page, "<p>The schedule has not been generated yet.</p>\n");
    else {
        H(&page, "<h2>Table cards</h2>\n");
        for (int rd = 0; rd < v.ev.rounds; rd++) {
            int tables = 0;
            for (int i = 0; i < v.n; i++)
                if (v.table[(long)rd * v.n + i] + 1 > tables)
                    tables = v.table[(long)rd * v.n + i] + 1;
            for (int t = 0; t < tables; t++) {
                H(&page, "<section class=\"print-set card\">\n<h3>Round ");
                html_int(&page, rd + 1);
                H(&page, ", table ");
                html_int(&page, t + 1);
                H(&page, "</h3>\n<ul>\n");
                for (int i = 0; i < v.n; i++)
                    if (v.table[(long)rd * v.n + i] == t) {
                        H(&page, "<li>");
                        html_text(&page, event_person_name(&v, i));
                        H(&page, "</li>\n");
                    }
                H(&page, "</ul>\n</section>\n");
            }
        }
        H(&page, "<h2>Itineraries</h2>\n<table class=\"list itinerary\">\n<thead><tr>"
                 "<th scope=\"col\">Name</th>");
        for (int rd = 0; rd < v.ev.rounds; rd++) {
            H(&page, "<th scope=\"col\">Round ");
            html_int(&page, rd + 1);
            H(&page, "</th>");
        }
        H(&page, "</tr></thead>\n<tbody>\n");
        for (int i = 0; i < v.n; i++) {
            H(&page, "<tr><td>");
            html_text(&page, event_person_name(&v, i));
            H(&page, "</td>");
            for (int rd = 0; rd < v.ev.rounds; rd++) {
                int t = v.table[(long)rd * v.n + i];
                H(&page, "<td>");
                if (t < 0)
                    H(&page, "absent");
                else
                    html_int(&page, t + 1);
                H(&page, "</td>");
            }
            H(&page, "</tr>\n");
        }
        H(&page, "</tbody></table>\n");
    }
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
    if (!v.ev.generated)
        H(&page, "<p>The tables have not been planned yet.</p>\n");
    else {
        H(&page, "<table class=\"list itinerary\">\n<thead><tr><th scope=\"col\">Round</th>"
                 "<th scope=\"col\">Your table</th></tr></thead>\n<tbody>\n");
        for (int rd = 0; rd < v.ev.rounds; rd++) {
            int t = v.table[(long)rd * v.n + me];
            H(&page, "<tr><td>");
            html_int(&page, rd + 1);
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
