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

static void numbers(struct html *page, json_t *o)
{
    const char *key;
    json_t *v;
    H(page, "<dl class=\"facts\">\n");
    json_object_foreach(o, key, v)
    {
        if (!json_is_number(v) && !json_is_string(v) && !json_is_boolean(v))
            continue;
        H(page, "<dt>");
        html_text(page, key);
        H(page, "</dt><dd>");
        if (json_is_integer(v)) {
            html_int(page, json_integer_value(v));
        } else if (json_is_real(v)) {
            char *t = str_printf("%.2f", json_real_value(v));
            html_text(page, t);
            free(t);
        } else if (json_is_boolean(v)) {
            if (json_is_true(v))
                H(page, "yes");
            else
                H(page, "no");
        } else {
            html_text(page, json_string_value(v));
        }
        H(page, "</dd>\n");
    }
    H(page, "</dl>\n");
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
    H(&page, "</h2>\n<section class=\"report\"><h2>Participation</h2>\n");
    numbers(&page, json_object_get(rep, "participation"));
    H(&page, "<h3>Meetings and attendance</h3>\n");
    numbers(&page, json_object_get(json_object_get(rep, "participation"), "attendance"));
    H(&page, "</section>\n<section class=\"report\"><h2>Network growth</h2>\n");
    numbers(&page, json_object_get(rep, "network"));
    H(&page, "</section>\n<section class=\"report\"><h2>Connectedness</h2>\n");
    chart(&page, report_chart_connectedness(rep));
    H(&page, "</section>\n<section class=\"report\"><h2>Themes</h2>\n");
    chart(&page, report_chart_themes(rep));
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
