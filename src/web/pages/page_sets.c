/* A person, a set, and a programme's sets exported as CSV and as a printable page. Who may see
 * what is decided by the store queries: a miss is a 404 whether the thing is absent or hidden. */
#include "web/http/web.h"

#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

void page_person(struct web_request *r)
{
    json_t *p = NULL;
    int rc = view_person(r->db, &r->user, r->ids[0], &p);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such person.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, str(p, "name"), &v);
    H(&page, "<dl class=\"facts\">\n");
    if (json_object_get(p, "email")) {
        H(&page, "<dt>Email</dt><dd>");
        html_text(&page, str(p, "email"));
        H(&page, "</dd>\n");
    }
    H(&page, "<dt>Organisation</dt><dd>");
    html_text(&page, str(p, "organisation"));
    H(&page, "</dd>\n");
    const char *key;
    json_t *value;
    /* Participants see what a set mate would put on a name badge; admins see every field. */
    json_object_foreach(json_object_get(p, "attributes"), key, value)
    {
        if (r->user.role != ROLE_ADMIN && strcmp(key, "department") != 0 &&
            strcmp(key, "location") != 0 && strcmp(key, "role") != 0)
            continue;
        H(&page, "<dt>");
        html_text(&page, key);
        H(&page, "</dt><dd>");
        html_text(&page, json_string_value(value));
        H(&page, "</dd>\n");
    }
    H(&page, "</dl>\n");
    if (r->user.role == ROLE_ADMIN) {
        H(&page, "<p class=\"actions\"><a class=\"button\" href=\"/people/");
        html_int(&page, r->ids[0]);
        H(&page, "/edit\">Edit</a></p>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(p);
}

static void members_table(struct html *page, json_t *members, bool emails)
{
    H(page, "<table class=\"list\">\n<thead><tr><th scope=\"col\">Name</th>");
    if (emails)
        H(page, "<th scope=\"col\">Email</th>");
    H(page, "<th scope=\"col\">Organisation</th><th scope=\"col\">Department</th></tr>"
            "</thead>\n<tbody>\n");
    size_t i;
    json_t *m;
    json_array_foreach(members, i, m)
    {
        H(page, "<tr><td><a href=\"/people/");
        html_int(page, json_integer_value(json_object_get(m, "id")));
        H(page, "\">");
        html_text(page, str(m, "name"));
        H(page, "</a></td>");
        if (emails) {
            H(page, "<td>");
            html_text(page, str(m, "email"));
            H(page, "</td>");
        }
        H(page, "<td>");
        html_text(page, str(m, "organisation"));
        H(page, "</td><td>");
        html_text(page, str(m, "department"));
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
}

/* Who has left the set, and when: "Ann Lee, left on 2026-03-03". Nothing when nobody has. */
static void former_members(struct html *page, json_t *former)
{
    if (json_array_size(former) == 0)
        return;
    H(page, "<h2>Former members</h2>\n<ul class=\"former-members\">\n");
    size_t i;
    json_t *m;
    json_array_foreach(former, i, m)
    {
        H(page, "<li>");
        html_text(page, str(m, "name"));
        H(page, ", left on ");
        html_text(page, str(m, "left_on"));
        H(page, "</li>\n");
    }
    H(page, "</ul>\n");
}

void page_set(struct web_request *r)
{
    json_t *s = NULL;
    int rc = view_set(r->db, &r->user, r->ids[0], &s);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such set.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, str(s, "name"), &v);
    H(&page, "<p class=\"meta\">");
    html_text(&page, str(s, "programme"));
    if (*str(s, "facilitator")) {
        H(&page, " · facilitator ");
        html_text(&page, str(s, "facilitator"));
    }
    H(&page, "</p>\n<h2>Members</h2>\n");
    members_table(&page, json_object_get(s, "members"), r->user.role == ROLE_ADMIN);
    former_members(&page, json_object_get(s, "former_members"));
    web_set_meetings(r, &page, r->ids[0]);
    if (r->user.role == ROLE_ADMIN) {
        H(&page, "<p class=\"actions\"><a class=\"button\" href=\"/programmes/");
        html_int(&page, json_integer_value(json_object_get(s, "programme_id")));
        H(&page, "/series?set=");
        html_int(&page, r->ids[0]);
        H(&page, "\">Schedule a series of meetings</a></p>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(s);
}

/* A CSV field, quoted when it holds a comma, quote or line end; a leading =, +, - or @ is
 * prefixed with ' so that spreadsheets do not run it as a formula. */
static void csv_field(struct strbuf *sb, const char *s)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        sb_append_char(sb, '"');
    if (strchr("=+-@", s[0]) && s[0])
        sb_append_char(sb, '\'');
    for (; *s; s++) {
        if (*s == '"')
            sb_append_char(sb, '"');
        sb_append_char(sb, *s);
    }
    if (quote)
        sb_append_char(sb, '"');
}

void page_sets_export_csv(struct web_request *r)
{
    json_t *plan = NULL;
    if (view_programme_sets(r->db, r->ids[0], &plan) != 0) {
        web_error(r, 500, "The sets could not be read.");
        return;
    }
    sb_reset(&r->body);
    sb_append(&r->body, "set,facilitator,name,email,organisation,department\r\n");
    size_t i, j;
    json_t *set, *m;
    json_array_foreach(json_object_get(plan, "sets"), i, set)
    {
        json_array_foreach(json_object_get(set, "members"), j, m)
        {
            csv_field(&r->body, str(set, "name"));
            sb_append_char(&r->body, ',');
            csv_field(&r->body, str(set, "facilitator"));
            sb_append_char(&r->body, ',');
            csv_field(&r->body, str(m, "name"));
            sb_append_char(&r->body, ',');
            csv_field(&r->body, str(m, "email"));
            sb_append_char(&r->body, ',');
            csv_field(&r->body, str(m, "organisation"));
            sb_append_char(&r->body, ',');
            csv_field(&r->body, str(m, "department"));
            sb_append(&r->body, "\r\n");
        }
    }
    r->status = 200;
    r->content_type_out = "text/csv; charset=utf-8";
    json_decref(plan);
}

void page_sets_print(struct web_request *r)
{
    json_t *prog = NULL, *plan = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0 || view_programme_sets(r->db, r->ids[0], &plan) != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        json_decref(prog);
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, str(prog, "name"), &v);
    if (json_array_size(json_object_get(plan, "sets")) == 0)
        H(&page, "<p>No sets have been formed for this programme yet. Its lead forms them from the "
                 "programme's page (Form sets).</p>\n");
    size_t i;
    json_t *set;
    json_array_foreach(json_object_get(plan, "sets"), i, set)
    {
        H(&page, "<section class=\"print-set\">\n<h2>");
        html_text(&page, str(set, "name"));
        H(&page, "</h2>\n");
        if (*str(set, "facilitator")) {
            H(&page, "<p>Facilitator: ");
            html_text(&page, str(set, "facilitator"));
            H(&page, "</p>\n");
        }
        members_table(&page, json_object_get(set, "members"), true);
        H(&page, "</section>\n");
    }
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(prog);
    json_decref(plan);
}
