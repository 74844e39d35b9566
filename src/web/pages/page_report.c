/* The impact report of issue 8 for a sponsor: one printable page (charts drawn on the server
 * as SVG by report/) and the same report as JSON under /api/v1/. Admins only for now. */
#include "web/http/web.h"

#include "app/report/report.h"
#include "store/store_programmes.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* Builds the report of programme R->ids[0]; NULL after answering R with an error. */
static json_t *build(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, rc == 1 ? "There is no such programme." : "Error.");
        return NULL;
    }
    const char *name = json_string_value(json_object_get(prog, "name"));
    struct theme_settings s;
    char *err = NULL;
    json_t *rep = NULL;
    if (store_theme_settings(r->db, r->ids[0], &s) == 0)
        rep = report_impact_json(r->db, r->ids[0], name ? name : "", &s, &err);
    json_decref(prog);
    if (!rep)
        web_error(r, 500, "The report could not be built.");
    free(err);
    return rep;
}

/* The SVG comes from report/svg_chart.c, which escapes every text it draws. */
static void chart(struct html *page, char *svg)
{
    if (!svg)
        return;
    H(page, "<figure class=\"chart\">");
    html_literal_(page, svg, strlen(svg));
    H(page, "</figure>\n");
    free(svg);
}

/* One labelled figure of a fact list. */
static void fact_int(struct html *page, const char *label, json_t *v)
{
    H(page, "<dt>");
    html_text(page, label);
    H(page, "</dt><dd>");
    html_int(page, json_integer_value(v));
    H(page, "</dd>\n");
}

/* "12% → 46%" or "7.5 → 12.0" for a {before, after} pair; PERCENT says which. */
static void fact_pair(struct html *page, const char *label, json_t *pair, bool percent)
{
    json_t *b = json_object_get(pair, "before"), *a = json_object_get(pair, "after");
    if (!json_is_number(b) || !json_is_number(a))
        return;
    H(page, "<dt>");
    html_text(page, label);
    H(page, "</dt><dd>");
    char *t = percent ? str_printf("%.0f%% → %.0f%%", 100 * json_number_value(b),
                                   100 * json_number_value(a))
                      : str_printf("%.2f → %.2f", json_number_value(b), json_number_value(a));
    html_text(page, t);
    free(t);
    H(page, "</dd>\n");
}

static void headlines(struct html *page, json_t *rep)
{
    H(page, "<section class=\"report headlines\" aria-labelledby=\"headlines\">"
            "<h2 id=\"headlines\">In brief</h2>\n<ul class=\"headline-list\">\n");
    size_t i;
    json_t *h;
    json_array_foreach(json_object_get(rep, "headlines"), i, h)
    {
        H(page, "<li class=\"headline\" id=\"headline-");
        html_text(page, json_string_value(json_object_get(h, "id")));
        H(page, "\"><h3>");
        html_text(page, json_string_value(json_object_get(h, "title")));
        H(page, "</h3><p class=\"figure\">");
        html_text(page, json_string_value(json_object_get(h, "value")));
        H(page, "</p><p>");
        html_text(page, json_string_value(json_object_get(h, "detail")));
        H(page, "</p></li>\n");
    }
    H(page, "</ul></section>\n");
}

static void participation(struct html *page, json_t *p)
{
    H(page, "<section class=\"report\"><h2>Participation</h2>\n<dl class=\"facts\">\n");
    fact_int(page, "People in the programme", json_object_get(p, "members"));
    fact_int(page, "Sets", json_object_get(p, "sets"));
    fact_int(page, "People placed in a set", json_object_get(p, "people_in_sets"));
    fact_int(page, "Challenges written", json_object_get(p, "challenges"));
    fact_int(page, "People who wrote a challenge", json_object_get(p, "people_with_challenges"));
    fact_int(page, "Challenges shared with the whole cohort",
             json_object_get(p, "challenges_shared_with_cohort"));
    fact_int(page, "Answers to the start survey", json_object_get(p, "survey_start"));
    fact_int(page, "Answers to the end survey", json_object_get(p, "survey_end"));
    H(page, "</dl>\n<h3>Meetings and attendance</h3>\n");
    json_t *att = json_object_get(p, "attendance");
    if (!json_is_true(json_object_get(att, "available"))) {
        H(page, "<p>");
        html_text(page, json_string_value(json_object_get(att, "note")));
        H(page, "</p>\n");
    } else {
        H(page, "<dl class=\"facts\">\n");
        fact_int(page, "Meetings planned", json_object_get(att, "meetings_planned"));
        fact_int(page, "Meetings held (attendance recorded)",
                 json_object_get(att, "meetings_held"));
        fact_int(page, "Past meetings with no attendance recorded",
                 json_object_get(att, "meetings_unrecorded"));
        fact_int(page, "Places: present", json_object_get(att, "present"));
        fact_int(page, "Places: apologies", json_object_get(att, "apologies"));
        fact_int(page, "Places: absent", json_object_get(att, "absent"));
        H(page, "</dl>\n");
    }
    H(page, "</section>\n");
}

static void network(struct html *page, json_t *n)
{
    H(page, "<section class=\"report\"><h2>Network growth</h2>\n");
    if (!json_is_true(json_object_get(n, "available"))) {
        H(page, "<p>");
        html_text(page, json_string_value(json_object_get(n, "note")));
        H(page, "</p></section>\n");
        return;
    }
    H(page, "<p>From the network survey wave <strong>");
    html_text(page, json_string_value(json_object_get(n, "before")));
    H(page, "</strong> to <strong>");
    html_text(page, json_string_value(json_object_get(n, "after")));
    H(page, "</strong>.</p>\n<dl class=\"facts\">\n");
    fact_int(page, "People", json_object_get(n, "people"));
    fact_pair(page, "Response rate", json_object_get(n, "response_rate"), true);
    fact_int(page, "New ties inside people's own sets",
             json_object_get(n, "new_ties_inside_own_set"));
    fact_int(page, "New ties beyond people's own sets",
             json_object_get(n, "new_ties_beyond_own_set"));
    fact_int(page, "Ties no longer named", json_object_get(n, "ties_lost"));
    fact_pair(page, "Ties that cross organisations",
              json_object_get(n, "cross_organisation_tie_share"), true);
    fact_pair(page, "Ties that cross departments", json_object_get(n, "cross_department_tie_share"),
              true);
    fact_pair(page, "Contacts per person", json_object_get(n, "contacts_per_person"), false);
    fact_pair(page, "Effective size (contacts who do not know each other)",
              json_object_get(n, "effective_size"), false);
    fact_pair(page, "Mix of departments among contacts (Blau index)",
              json_object_get(n, "blau_department"), false);
    H(page, "</dl>\n</section>\n");
}

static void connectedness(struct html *page, json_t *rep)
{
    json_t *c = json_object_get(rep, "connectedness");
    H(page, "<section class=\"report\"><h2>Connectedness</h2>\n");
    if (!json_is_true(json_object_get(c, "available"))) {
        H(page, "<p>");
        html_text(page, json_string_value(json_object_get(c, "note")));
        H(page, "</p></section>\n");
        return;
    }
    chart(page, report_chart_connectedness(rep));
    html_scroll_begin(page, "Change per scale");
    H(page, "<table class=\"scales\"><caption>Change per scale, over the people who answered "
            "both surveys</caption><thead><tr><th scope=\"col\">Scale</th><th scope=\"col\">"
            "People</th><th scope=\"col\">Start</th><th scope=\"col\">End</th>"
            "<th scope=\"col\">Change (95% interval)</th><th scope=\"col\">Effect size d_z "
            "(95% interval)</th></tr></thead><tbody>\n");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(c, "scales"), i, s)
    {
        H(page, "<tr><th scope=\"row\">");
        html_text(page, json_string_value(json_object_get(s, "title")));
        H(page, "</th><td>");
        html_int(page, json_integer_value(json_object_get(s, "paired")));
        H(page, "</td>");
        if (!json_is_true(json_object_get(s, "shown"))) {
            H(page, "<td colspan=\"4\">Too few people answered both surveys to show a change."
                    "</td></tr>\n");
            continue;
        }
        json_t *ci = json_object_get(s, "change_ci95"), *dci = json_object_get(s, "d_z_ci95");
        char *t = str_printf(
            "%.2f|%.2f|%+.2f (%+.2f to %+.2f)|%.2f (%.2f to %.2f)",
            json_number_value(json_object_get(s, "start_mean")),
            json_number_value(json_object_get(s, "end_mean")),
            json_number_value(json_object_get(s, "mean_change")),
            json_number_value(json_array_get(ci, 0)), json_number_value(json_array_get(ci, 1)),
            json_number_value(json_object_get(s, "d_z")), json_number_value(json_array_get(dci, 0)),
            json_number_value(json_array_get(dci, 1)));
        for (char *cell = t, *bar; cell; cell = bar ? bar + 1 : NULL) {
            bar = strchr(cell, '|');
            if (bar)
                *bar = '\0';
            H(page, "<td>");
            html_text(page, cell);
            H(page, "</td>");
        }
        free(t);
        H(page, "</tr>\n");
    }
    H(page, "</tbody></table>\n");
    html_scroll_end(page);
    H(page, "<p class=\"hint\">d_z is the mean change per person divided by "
            "how much the changes vary: around 0.2 is small, 0.5 medium, 0.8 large. An interval "
            "that leaves out 0 means the change is unlikely to be chance.</p>\n</section>\n");
}

void page_report(struct web_request *r)
{
    json_t *rep = build(r);
    if (!rep)
        return;
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Impact report", &v);
    H(&page, "<p class=\"actions\">Print this page, or save it as PDF from the browser's print "
             "dialog: navigation is left out of the printout.</p>\n<h2>");
    html_text(&page, json_string_value(json_object_get(rep, "programme")));
    H(&page, "</h2>\n");
    headlines(&page, rep);
    participation(&page, json_object_get(rep, "participation"));
    network(&page, json_object_get(rep, "network"));
    connectedness(&page, rep);
    H(&page, "<section class=\"report\"><h2>Themes</h2>\n");
    if (json_array_size(json_object_get(json_object_get(rep, "themes"), "shown")) > 0)
        chart(&page, report_chart_themes(rep));
    else
        H(&page, "<p>No theme is shared by enough people to be shown yet: a theme appears once "
                 "enough people's challenges share it, so that nobody can be picked out.</p>\n");
    H(&page, "</section>\n<section class=\"report\"><h2>In participants' words</h2>\n");
    size_t i;
    json_t *q;
    json_array_foreach(json_object_get(rep, "quotes"), i, q)
    {
        H(&page, "<blockquote><p>");
        html_text(&page, json_string_value(json_object_get(q, "text")));
        H(&page, "</p><footer>");
        html_text(&page, json_string_value(json_object_get(q, "theme")));
        H(&page, "</footer></blockquote>\n");
    }
    if (json_array_size(json_object_get(rep, "quotes")) == 0)
        H(&page, "<p>No participant has chosen to share an excerpt yet.</p>\n");
    H(&page, "</section>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(rep);
}

void api_report(struct web_request *r)
{
    json_t *rep = build(r);
    if (rep)
        web_json(r, 200, rep);
}
