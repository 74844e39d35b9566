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

static void plan_redirect(struct web_request *r, long long plan_id)
{
    char *to = str_printf("/plans/%lld", plan_id);
    web_redirect(r, to ? to : "/");
    free(to);
}

void page_plan_form(struct web_request *r)
{
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Form sets", &v);
    long long plan_id;
    if (store_plan_latest(r->db, r->ids[0], &plan_id) == 0) {
        H(&page, "<p><a href=\"/plans/");
        html_int(&page, plan_id);
        H(&page, "\">See the latest plan</a></p>\n");
    }
    H(&page, "<form method=\"post\" action=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "/form\" class=\"stack\" data-busy=\"Forming sets…\">\n");
    html_csrf(&page, r->csrf);
    H(&page, "<fieldset><legend>Size</legend>\n"
             "<p class=\"hint\">Either a number of sets, or the smallest and largest set.</p>\n");
    html_input(&page, "number", "sets", "Number of sets", "", false);
    /* Defaults from the programme's own settings (its edit page). */
    json_t *prog = NULL;
    char lo[16] = "4", hi[16] = "8";
    if (view_programme(r->db, &r->user, r->ids[0], &prog) == 0) {
        snprintf(lo, sizeof lo, "%lld",
                 (long long)json_integer_value(json_object_get(prog, "set_size_min")));
        snprintf(hi, sizeof hi, "%lld",
                 (long long)json_integer_value(json_object_get(prog, "set_size_max")));
    }
    html_input(&page, "number", "size_min", "Smallest set", lo, false);
    html_input(&page, "number", "size_max", "Largest set", hi, false);
    H(&page, "</fieldset>\n<fieldset><legend>Weights</legend>\n"
             "<p class=\"hint\">How much each difference counts, e.g. "
             "organisation=3,department=2,location=1,grade=1,new=2; add similar=3 to put "
             "people whose shared challenges fall in one theme together. Blank for the "
             "programme's weights.</p>\n");
    html_input(&page, "text", "weights", "Weights",
               json_string_value(json_object_get(prog, "weights")), false);
    json_decref(prog);
    H(&page, "</fieldset>\n<fieldset><legend>Rules</legend>\n"
             "<label for=\"apart\">Keep apart (two emails a line, comma between)</label>\n"
             "<textarea id=\"apart\" name=\"apart\" rows=\"3\">");
    struct strbuf apart = {0}, pins = {0};
    store_rules_text(r->db, r->ids[0], &apart, &pins);
    html_text(&page, apart.data);
    H(&page, "</textarea>\n<label for=\"pins\">Pins (email, set name a line)</label>\n"
             "<textarea id=\"pins\" name=\"pins\" rows=\"3\">");
    html_text(&page, pins.data);
    sb_free(&apart);
    sb_free(&pins);
    H(&page, "</textarea>\n</fieldset>\n");
    H(&page, "<fieldset><legend>Search</legend>\n");
    html_input(&page, "number", "seconds", "Seconds to search", "2", false);
    html_input(&page, "number", "seed", "Seed", "1", false);
    html_input(&page, "number", "iterations",
               "Iterations instead of seconds (blank for none; the same plan for a seed)", "",
               false);
    H(&page, "</fieldset>\n<p><button type=\"submit\">Form sets</button></p>\n</form>\n");
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
}

void page_plan_create(struct web_request *r)
{
    const struct formdata *f = &r->form;
    struct plan_settings s = {.sets = (int)formdata_get_count(f, "sets", 0),
                              .size_min = (int)formdata_get_count(f, "size_min", 4),
                              .size_max = (int)formdata_get_count(f, "size_max", 8),
                              .weights = formdata_get(f, "weights"),
                              .seconds = (double)formdata_get_count(f, "seconds", 2),
                              .iterations = (long)formdata_get_count(f, "iterations", 0),
                              .seed = formdata_get_count(f, "seed", 1)};
    if (s.sets < 0 || s.size_min < 2 || s.size_max < s.size_min || s.seconds < 0 ||
        s.seconds > 60 || s.seed < 0 || s.iterations < 0 ||
        s.iterations > PLAN_WEB_MAX_ITERATIONS) {
        web_error(r, 400,
                  "Sizes are whole numbers of at least 2, the smallest first; up to 60 "
                  "seconds.");
        return;
    }
    struct strbuf err = {0};
    long long plan_id = 0;
    enum status st =
        plan_rules_set(r->db, r->ids[0], formdata_get(f, "apart"), formdata_get(f, "pins"), &err);
    if (st == STATUS_OK)
        st = plan_form(r->db, r->ids[0], &s, &plan_id, &err);
    if (st == STATUS_OK)
        plan_redirect(r, plan_id);
    else
        web_error(r, http_of(st), err.data ? err.data : "The sets could not be formed.");
    sb_free(&err);
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
    bool published = strcmp(json_string_value(json_object_get(plan, "status")), "published") == 0;
    H(&page, "<p class=\"meta\">");
    H(&page, "<span class=\"status\">");
    html_text(&page, published ? "Published" : "Draft");
    H(&page, "</span> · score <strong id=\"score\">");
    char *score = str_printf("%.1f", json_real_value(json_object_get(plan, "objective")));
    html_text(&page, score);
    free(score);
    json_t *gap = json_object_get(plan, "gap");
    if (json_is_real(gap)) {
        double pct = 100 * json_real_value(gap);
        char *g = str_printf("%.1f%%", pct > 0.05 ? pct : 0.0);
        H(&page, "</strong> · certified gap at most <strong>");
        html_text(&page, g);
        free(g);
    }
    H(&page, "</strong></p>\n");
    json_t *broken = json_object_get(plan, "broken");
    size_t i, j;
    json_t *x;
    if (json_array_size(broken)) {
        H(&page, "<div class=\"error\" role=\"alert\"><p>This plan breaks a rule:</p><ul>\n");
        json_array_foreach(broken, i, x)
        {
            H(&page, "<li>");
            html_text(&page, json_string_value(x));
            H(&page, "</li>\n");
        }
        H(&page, "</ul></div>\n");
    }
    json_t *sets = json_object_get(plan, "sets");
    H(&page, "<div class=\"actions plan-actions\">");
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
    H(&page, "<button type=\"submit\">Publish to participants</button></form></div>\n"
             "<div class=\"sets\">\n");
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
        H(&page, "</h2>\n<p class=\"meta\">");
        html_int(&page, json_integer_value(json_object_get(set, "size")));
        H(&page, " people · ");
        html_int(&page, json_integer_value(json_object_get(set, "new_connections")));
        H(&page, " new connections");
        if (json_is_string(json_object_get(set, "facilitator"))) {
            H(&page, " · facilitator ");
            html_text(&page, json_string_value(json_object_get(set, "facilitator")));
        }
        const char *key;
        json_t *value;
        json_object_foreach(json_object_get(set, "mix"), key, value)
        {
            if (strcmp(key, "organisation") && strcmp(key, "department") &&
                strcmp(key, "location") && strcmp(key, "grade"))
                continue;
            H(&page, " · ");
            html_int(&page, json_integer_value(value));
            H(&page, " ");
            html_text(&page, key);
            H(&page, "s");
        }
        H(&page, "</p>\n<ul class=\"members\">\n");
        json_t *m;
        json_array_foreach(json_object_get(set, "members"), j, m)
        {
            H(&page,
              "<li draggable=\"true\"><form method=\"post\" class=\"move\" action=\"/plans/");
            html_int(&page, id);
            H(&page, "/move\">");
            html_csrf(&page, r->csrf);
            H(&page, "<input type=\"hidden\" name=\"person_id\" value=\"");
            html_int(&page, json_integer_value(json_object_get(m, "id")));
            H(&page, "\"><span class=\"who\">");
            html_text(&page, json_string_value(json_object_get(m, "name")));
            H(&page, " <small>");
            html_text(&page, json_string_value(json_object_get(m, "organisation")));
            H(&page, ", ");
            html_text(&page, json_string_value(json_object_get(m, "department")));
            H(&page, "</small></span> <label class=\"sr\" for=\"to-");
            html_int(&page, json_integer_value(json_object_get(m, "id")));
            H(&page, "\">Move to</label><select name=\"set_id\" id=\"to-");
            html_int(&page, json_integer_value(json_object_get(m, "id")));
            H(&page, "\">");
            size_t t;
            json_t *other;
            json_array_foreach(sets, t, other)
            {
                H(&page, "<option value=\"");
                html_int(&page, json_integer_value(json_object_get(other, "id")));
                H(&page, "\"");
                if (t == i)
                    H(&page, " selected");
                H(&page, ">");
                html_text(&page, json_string_value(json_object_get(other, "name")));
                H(&page, "</option>");
            }
            H(&page, "</select> <button type=\"submit\">Move</button></form></li>\n");
        }
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
    H(&page, "</div>\n");
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
