/* Forming sets for a programme and editing the plan: every action is a plain form POST that
 * redirects back to the plan, where the score and any broken rule show at once. */
#include "web/pages/page_plan.h"

#include "app/plans/plan_service.h"
#include "store/store_plans.h"
#include "web/http/views.h"
#include "web/http/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The HTTP status for a plan use case's answer. */
static int http_of(enum status st)
{
    switch (st) {
    case STATUS_OK: return 200;
    case STATUS_INVALID: return 422;
    case STATUS_FORBIDDEN: return 403;
    case STATUS_NOT_FOUND: return 404;
    case STATUS_CONFLICT: return 409;
    case STATUS_FAILED: break;
    }
    return 500;
}

void plan_redirect(struct web_request *r, long long plan_id)
{
    char *to = str_printf("/plans/%lld", plan_id);
    web_redirect(r, to ? to : "/");
    free(to);
}

static void hidden_id(struct html *page, const char *name_attr_literal_is_set_id, long long id)
{
    (void)name_attr_literal_is_set_id;
    H(page, "<input type=\"hidden\" name=\"set_id\" value=\"");
    html_int(page, id);
    H(page, "\">");
}

static void action_form(struct html *page, struct web_request *r, long long plan_id)
{
    H(page, "<form method=\"post\" class=\"inline\" action=\"/plans/");
    html_int(page, plan_id);
    (void)r;
}

/* "Organisation" for "organisation": attribute names as headings. */
static void attr_label(struct html *page, const char *attr)
{
    char first[2] = {attr[0] >= 'a' && attr[0] <= 'z' ? (char)(attr[0] - 'a' + 'A') : attr[0], 0};
    html_text(page, first);
    if (attr[0])
        html_text(page, attr + 1);
}

/* The score line: the objective while every rule holds, else how many rules are broken
 * (plan_view: a plan that breaks a hard rule has no score). plan.js writes the same. */
static void score_line(struct html *page, json_t *plan)
{
    H(page, "<p class=\"meta\" id=\"score-line\"><span class=\"status\">");
    bool published = strcmp(json_string_value(json_object_get(plan, "status")), "published") == 0;
    html_text(page, published ? "Published" : "Draft");
    H(page, "</span> · score <strong id=\"score\">");
    json_t *score = json_object_get(plan, "score");
    long long broken = json_integer_value(json_object_get(plan, "broken_count"));
    if (json_is_number(score)) {
        char *text = str_printf("%.1f", json_number_value(score));
        html_text(page, text);
        free(text);
    } else {
        H(page, "none");
    }
    H(page, "</strong> <span id=\"score-note\">");
    if (broken == 1)
        H(page, "(1 rule is broken: a plan that breaks a rule has no score)");
    else if (broken > 1) {
        H(page, "(");
        html_int(page, broken);
        H(page, " rules are broken: a plan that breaks a rule has no score)");
    }
    json_t *gap = json_object_get(plan, "gap");
    if (json_is_real(gap)) {
        double pct = 100 * json_real_value(gap);
        char *g = str_printf("%.1f%%", pct > 0.05 ? pct : 0.0);
        H(page, "· certified gap at most <strong>");
        html_text(page, g);
        H(page, "</strong>");
        free(g);
    }
    H(page, "</span></p>\n");
}

/* The broken rules, first on the page; an empty container when none, for plan.js. */
static void broken_box(struct html *page, json_t *plan)
{
    json_t *broken = json_object_get(plan, "broken");
    H(page, "<div id=\"broken\">");
    if (json_array_size(broken)) {
        H(page, "<div class=\"error\" role=\"alert\"><p>This plan breaks a rule:</p><ul>\n");
        size_t i;
        json_t *x;
        json_array_foreach(broken, i, x)
        {
            H(page, "<li>");
            html_text(page, json_string_value(x));
            H(page, "</li>\n");
        }
        H(page, "</ul></div>");
    }
    H(page, "</div>\n");
}

/* Undo: puts back the last move by hand (server-side, so it works without JavaScript). */
static void undo_form(struct html *page, struct web_request *r, long long id, json_t *plan)
{
    json_t *undo = json_object_get(plan, "undo");
    action_form(page, r, id);
    H(page, "/undo\" id=\"undo\"");
    if (!json_is_object(undo))
        H(page, " hidden");
    H(page, ">");
    html_csrf(page, r->csrf);
    H(page, "<button type=\"submit\">Undo: <span id=\"undo-what\">");
    if (json_is_object(undo)) {
        html_text(page, json_string_value(json_object_get(undo, "person")));
        H(page, " back to ");
        html_text(page, json_string_value(json_object_get(undo, "from")));
    }
    H(page, "</span></button></form>\n");
}

/* A set's figures: size, new connections, facilitator; then each attribute's values. */
static void set_figures(struct html *page, json_t *set)
{
    long long set_id = json_integer_value(json_object_get(set, "id"));
    H(page, "<p class=\"meta\" id=\"meta-");
    html_int(page, set_id);
    H(page, "\">");
    html_int(page, json_integer_value(json_object_get(set, "size")));
    H(page, " people · ");
    html_int(page, json_integer_value(json_object_get(set, "new_connections")));
    H(page, " new connections");
    if (json_is_string(json_object_get(set, "facilitator"))) {
        H(page, " · facilitator ");
        html_text(page, json_string_value(json_object_get(set, "facilitator")));
    }
    const char *key;
    json_t *value;
    json_object_foreach(json_object_get(set, "mix"), key, value)
    {
        if (strcmp(key, "organisation") && strcmp(key, "department") && strcmp(key, "location") &&
            strcmp(key, "grade"))
            continue;
        H(page, " · ");
        html_int(page, json_integer_value(value));
        H(page, " ");
        html_text(page, key);
        H(page, "s");
    }
    H(page, "</p>\n<details class=\"mix\"><summary>Who is in this set</summary><dl "
            "class=\"breakdown\" id=\"mix-");
    html_int(page, set_id);
    H(page, "\">");
    size_t i, j;
    json_t *b, *v;
    json_array_foreach(json_object_get(set, "breakdown"), i, b)
    {
        H(page, "<dt>");
        attr_label(page, json_string_value(json_object_get(b, "attribute")));
        H(page, "</dt><dd>");
        json_array_foreach(json_object_get(b, "values"), j, v)
        {
            const char *text = json_string_value(json_object_get(v, "value"));
            if (j)
                H(page, ", ");
            html_text(page, text && *text ? text : "not given");
            H(page, " ");
            html_int(page, json_integer_value(json_object_get(v, "count")));
        }
        H(page, "</dd>");
    }
    H(page, "<dt>New connections</dt><dd>");
    html_int(page, json_integer_value(json_object_get(set, "new_connections")));
    H(page, "</dd></dl></details>\n");
}

static void member_item(struct html *page, struct web_request *r, long long id, json_t *m,
                        json_t *sets, size_t own)
{
    long long pid = json_integer_value(json_object_get(m, "id"));
    H(page, "<li draggable=\"true\" data-person-id=\"");
    html_int(page, pid);
    H(page, "\"><form method=\"post\" class=\"move\" action=\"/plans/");
    html_int(page, id);
    H(page, "/move\">");
    html_csrf(page, r->csrf);
    H(page, "<input type=\"hidden\" name=\"person_id\" value=\"");
    html_int(page, pid);
    H(page, "\"><span class=\"who\">");
    html_text(page, json_string_value(json_object_get(m, "name")));
    H(page, " <small>");
    html_text(page, json_string_value(json_object_get(m, "organisation")));
    H(page, ", ");
    html_text(page, json_string_value(json_object_get(m, "department")));
    H(page, "</small></span> <label class=\"sr\" for=\"to-");
    html_int(page, pid);
    H(page, "\">Move ");
    html_text(page, json_string_value(json_object_get(m, "name")));
    H(page, " to</label><select name=\"set_id\" id=\"to-");
    html_int(page, pid);
    H(page, "\">");
    size_t t;
    json_t *other;
    json_array_foreach(sets, t, other)
    {
        H(page, "<option value=\"");
        html_int(page, json_integer_value(json_object_get(other, "id")));
        H(page, "\"");
        if (t == own)
            H(page, " selected");
        H(page, ">");
        html_text(page, json_string_value(json_object_get(other, "name")));
        H(page, "</option>");
    }
    H(page, "</select> <button type=\"submit\">Move</button></form></li>\n");
}

void page_plan(struct web_request *r)
{
    json_t *plan = NULL;
    enum status st = plan_view(r->db, r->ids[0], &plan);
    if (st != STATUS_OK) {
        web_error(r, http_of(st), "There is no such plan.");
        return;
    }
    long long id = r->ids[0];
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, json_string_value(json_object_get(plan, "name")), &v);
    score_line(&page, plan);
    broken_box(&page, plan);
    H(&page,
      "<p id=\"plan-news\" role=\"status\" aria-live=\"polite\" class=\"notice-live\"></p>\n");
    json_t *sets = json_object_get(plan, "sets");
    H(&page, "<div class=\"actions plan-actions\">");
    undo_form(&page, r, id, plan);
    action_form(&page, r, id);
    H(&page, "/reoptimise\">");
    html_csrf(&page, r->csrf);
    H(&page, "<button type=\"submit\">Re-optimise unlocked sets</button>");
    if (strcmp(json_string_value(json_object_get(plan, "status")), "published") == 0)
        H(&page, " <label><input type=\"checkbox\" name=\"include_met\" value=\"1\"> also "
                 "re-plan sets that have met</label>");
    H(&page, "</form>\n");
    action_form(&page, r, id);
    H(&page, "/publish\">");
    html_csrf(&page, r->csrf);
    H(&page, "<button type=\"submit\">Publish to participants</button></form>\n<a href=\"/plans/");
    html_int(&page, id);
    H(&page, "/sets.csv\">Download as CSV</a> <a href=\"/plans/");
    html_int(&page, id);
    H(&page, "/sets.xlsx\">Download as Excel</a></div>\n"
             "<p class=\"hint\">Moving people by hand keeps them where you put them when the "
             "other sets are re-optimised (re-optimising clears Undo).</p>\n"
             "<div class=\"sets\" id=\"sets\" data-plan-id=\"");
    html_int(&page, id);
    H(&page, "\">\n");
    size_t i, j;
    json_t *set;
    json_array_foreach(sets, i, set)
    {
        long long set_id = json_integer_value(json_object_get(set, "id"));
        H(&page, "<section class=\"set card\" data-set-id=\"");
        html_int(&page, set_id);
        H(&page, "\"><h2>");
        html_text(&page, json_string_value(json_object_get(set, "name")));
        if (json_is_true(json_object_get(set, "locked")))
            H(&page, " <span class=\"status\">locked</span>");
        H(&page, "</h2>\n");
        set_figures(&page, set);
        H(&page, "<ul class=\"members\">\n");
        json_t *m;
        json_array_foreach(json_object_get(set, "members"), j, m)
            member_item(&page, r, id, m, sets, i);
        H(&page, "</ul>\n<div class=\"actions\">");
        action_form(&page, r, id);
        H(&page, "/lock\">");
        html_csrf(&page, r->csrf);
        hidden_id(&page, "set_id", set_id);
        if (json_is_true(json_object_get(set, "locked")))
            H(&page, "<input type=\"hidden\" name=\"locked\" value=\"0\"><button "
                     "type=\"submit\">Unlock</button></form>\n");
        else
            H(&page, "<input type=\"hidden\" name=\"locked\" value=\"1\"><button "
                     "type=\"submit\">Lock</button></form>\n");
        action_form(&page, r, id);
        H(&page, "/facilitator\">");
        html_csrf(&page, r->csrf);
        hidden_id(&page, "set_id", set_id);
        H(&page, "<label for=\"f-");
        html_int(&page, set_id);
        H(&page, "\">Facilitator email</label> <input type=\"email\" name=\"email\" id=\"f-");
        html_int(&page, set_id);
        H(&page, "\" value=\"");
        html_text(&page, json_string_value(json_object_get(set, "facilitator")));
        H(&page, "\"> <button type=\"submit\">Assign</button></form></div>\n</section>\n");
    }
    H(&page, "</div>\n<script src=\"/static/plan.js\" defer></script>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(plan);
}

void page_plan_lock(struct web_request *r)
{
    int rc = store_set_lock(r->db, r->ids[0], formdata_get_count(&r->form, "set_id", 0),
                            formdata_get_count(&r->form, "locked", 1) == 1);
    if (rc == 0)
        plan_redirect(r, r->ids[0]);
    else
        web_error(r, rc > 0 ? 400 : 500, "Choose a set of this plan.");
}

void page_plan_facil(struct web_request *r)
{
    const char *email = formdata_get(&r->form, "email");
    long long person = 0;
    int rc = email && *email ? store_person_by_email(r->db, email, &person) : 0;
    if (rc == 0)
        rc = store_set_facilitator(r->db, r->ids[0], formdata_get_count(&r->form, "set_id", 0),
                                   person);
    if (rc == 0)
        plan_redirect(r, r->ids[0]);
    else
        web_error(r, rc > 0 ? 400 : 500, "Give the email of a known person and a set.");
}
