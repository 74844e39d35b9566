/* A programme: its people (search, filter), creating one, importing its cohort by upload. */
#include "app/plans/plan_service.h"

#include "app/plans/programme_state.h"
#include "store/store_plans.h"
#include "store/store_reminders.h"
#include "web/http/web.h"

#include "app/people/cohort_import.h"
#include "core/date.h"
#include "io/import/cohort_csv.h"
#include "store/store_people.h"
#include "store/store_programmes.h"
#include "web/http/views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names people type; long enough for any real programme. */
#define PROGRAMME_NAME_MAX        200
#define PROGRAMME_DESCRIPTION_MAX 4000
/* Action learning sets are small groups; 20 is already more than anyone runs. */
#define PROGRAMME_SET_SIZE_MAX 20

static void people_filter(struct html *page, json_t *attrs, const char *q, const char *attr,
                          const char *value)
{
    H(page, "<form method=\"get\" class=\"filter\" role=\"search\">\n");
    html_input(page, "search", "q", "Search by name or email", q, false);
    H(page, "<p class=\"field\"><label for=\"f-attr\">Attribute</label>\n"
            "<select id=\"f-attr\" name=\"attr\"><option value=\"\">any</option>\n");
    size_t i;
    json_t *a;
    json_array_foreach(attrs, i, a)
    {
        const char *name = json_string_value(a);
        H(page, "<option value=\"");
        html_text(page, name);
        H(page, "\"");
        if (attr && strcmp(attr, name) == 0)
            H(page, " selected");
        H(page, ">");
        html_text(page, name);
        H(page, "</option>\n");
    }
    H(page, "</select></p>\n");
    html_input(page, "text", "value", "equals", value, false);
    H(page, "<p><button type=\"submit\">Filter</button></p>\n</form>\n");
}

static void people_table(struct html *page, json_t *people)
{
    H(page, "<table class=\"list\">\n<caption class=\"sr\">People</caption>\n<thead><tr>"
            "<th scope=\"col\">Name</th><th scope=\"col\">Email</th>"
            "<th scope=\"col\">Organisation</th><th scope=\"col\">Department</th></tr></thead>\n"
            "<tbody>\n");
    size_t i;
    json_t *p;
    json_array_foreach(people, i, p)
    {
        H(page, "<tr><td><a href=\"/people/");
        html_int(page, json_integer_value(json_object_get(p, "id")));
        H(page, "\">");
        html_text(page, json_string_value(json_object_get(p, "name")));
        H(page, "</a></td><td>");
        html_text(page, json_string_value(json_object_get(p, "email")));
        H(page, "</td><td>");
        html_text(page, json_string_value(json_object_get(p, "organisation")));
        H(page, "</td><td>");
        html_text(page, json_string_value(json_object_get(p, "department")));
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
}

/* The programme's plans (draft or published, with date and score) and its published sets, each
 * linked, so a plan can be found again after leaving its page. */
static void plans_and_sets(struct web_request *r, struct html *page, long long id)
{
    struct store_listing *plans = NULL, *sets = NULL;
    size_t np = 0, ns = 0;
    if (store_programme_plans(r->db, id, &plans, &np) != 0 ||
        store_published_sets(r->db, id, &sets, &ns) != 0) {
        html_notice(page, true, "The plans could not be read.");
        goto out;
    }
    H(page, "<h2>Plans</h2>\n");
    if (np == 0)
        H(page, "<p>No plans yet: form sets to make one.</p>\n");
    else
        H(page, "<table class=\"list plans\"><thead><tr><th scope=\"col\">Plan</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\">Formed</th>"
                "<th scope=\"col\" class=\"num\">Score</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < np; i++) {
        H(page, "<tr><td><a href=\"/plans/");
        html_int(page, plans[i].id);
        H(page, "\">");
        html_text(page, plans[i].name);
        H(page, "</a></td><td>");
        html_text(page, plans[i].status);
        H(page, "</td><td>");
        html_text(page, plans[i].created_at);
        H(page, "</td><td class=\"num\">");
        if (plans[i].score >= 0)
            html_int(page, (long long)(plans[i].score + 0.5));
        H(page, "</td></tr>\n");
    }
    if (np)
        H(page, "</tbody></table>\n");
    H(page, "<h2>Published sets</h2>\n");
    if (ns == 0)
        H(page, "<p>No sets are published yet. Form sets from the cohort, check the plan, then "
                "publish it from the plan's page.</p>\n");
    else
        H(page, "<ul class=\"published-sets\">\n");
    for (size_t i = 0; i < ns; i++) {
        H(page, "<li><a href=\"/sets/");
        html_int(page, sets[i].id);
        H(page, "\">");
        html_text(page, sets[i].name);
        H(page, "</a> · ");
        html_int(page, (long long)sets[i].score);
        H(page, " members");
        if (*sets[i].status) {
            H(page, " · facilitator ");
            html_text(page, sets[i].status);
        }
        H(page, "</li>\n");
    }
    if (ns)
        H(page, "</ul>\n");
out:
    store_listing_free(plans, np);
    store_listing_free(sets, ns);
}

void page_programme(struct web_request *r)
{
    json_t *prog = NULL, *people = NULL, *attrs = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, rc == 1 ? "There is no such programme." : "Error.");
        return;
    }
    long long id = r->ids[0];
    const char *q = formdata_get(&r->query, "q"), *attr = formdata_get(&r->query, "attr"),
               *value = formdata_get(&r->query, "value");
    people = view_people(r->db, id, q, attr, value, true, WEB_PEOPLE_PAGE);
    attrs = view_attr_names(r->db, id);
    if (!people || !attrs) {
        web_error(r, 500, "The people could not be read.");
        goto out;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, json_string_value(json_object_get(prog, "name")), &v);
    H(&page, "<p class=\"meta\"><span class=\"state\">");
    html_text(&page, json_string_value(json_object_get(prog, "state")));
    H(&page, "</span> · ");
    html_int(&page, json_integer_value(json_object_get(prog, "members")));
    H(&page, " people · ");
    html_int(&page, json_integer_value(json_object_get(prog, "sets")));
    H(&page, " published sets</p>\n<p class=\"allows\">");
    html_text(&page, programme_state_allows(json_string_value(json_object_get(prog, "state"))));
    H(&page, "</p>\n");
    const char *description = json_string_value(json_object_get(prog, "description"));
    if (description && *description) {
        H(&page, "<p>");
        html_text(&page, description);
        H(&page, "</p>\n");
    }
    H(&page, "<p class=\"actions\"><a class=\"button\" href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/import\">Import cohort CSV</a> <a class=\"button\" href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/form\">Form sets</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/edit\">Edit</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/sets/print\">Sets (printable)</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/sets.csv\">Sets as CSV</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/network\">Network survey</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/events\">Mixer events</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/series\">Schedule meetings</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/report\">Impact report</a> <a href=\"/programmes/");
    html_int(&page, id);
    H(&page, "/themes\">Challenge themes</a></p>\n");
    plans_and_sets(r, &page, id);
    H(&page, "<h2>People</h2>\n");
    people_filter(&page, attrs, q, attr, value);
    H(&page, "<p class=\"count\">");
    html_int(&page, (long long)json_array_size(people));
    if (json_array_size(people) == WEB_PEOPLE_PAGE)
        H(&page, " shown (the first ones; search to narrow)");
    else
        H(&page, " shown");
    H(&page, "</p>\n");
    people_table(&page, people);
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
out:
    json_decref(prog);
    json_decref(people);
    json_decref(attrs);
}

/* A field's value: what was just posted, else what is stored in PROG (NULL for a new one). */
static const char *value_of(struct web_request *r, json_t *prog, const char *name, char *buf,
                            size_t size)
{
    const char *v = formdata_get(&r->form, name);
    if (v || !prog)
        return v;
    json_t *j = json_object_get(prog, name);
    if (json_is_integer(j)) {
        snprintf(buf, size, "%lld", (long long)json_integer_value(j));
        return buf;
    }
    return json_string_value(j);
}

/* The programme's reminder days (migration 0016): what was typed, else the stored value. */
static void reminder_days_input(struct web_request *r, struct html *page)
{
    char buf[32];
    const char *v = formdata_get(&r->form, "reminder_days");
    int days = 2;
    if (!v && store_programme_reminder_days(r->db, r->ids[0], &days) == 0) {
        snprintf(buf, sizeof buf, "%d", days);
        v = buf;
    }
    html_input(page, "number", "reminder_days", "Meeting reminders, days before", v, false);
    H(page, "<p class=\"hint\">Members get a calendar invitation this many days before each "
            "meeting; 0 sends none.</p>\n");
}

/* A number of days typed into a field: LO..HI, -2 when absent (left as it is), -1 when not
 * such a number. */
static int days_field(const char *s, int lo, int hi)
{
    if (!s)
        return -2;
    char *end;
    long n = strtol(s, &end, 10);
    return *s && !*end && n >= lo && n <= hi ? (int)n : -1;
}

/* The pulse survey's window (migration 0017): what was typed, else the stored value. */
static void pulse_days_input(struct web_request *r, struct html *page)
{
    char buf[32], starts[11], ends[11];
    const char *v = formdata_get(&r->form, "pulse_window_days");
    int days = 28;
    if (!v && store_programme_pulse_window(r->db, r->ids[0], &days, starts, ends) == 0) {
        snprintf(buf, sizeof buf, "%d", days);
        v = buf;
    }
    html_input(page, "number", "pulse_window_days", "Pulse survey window, days", v, false);
    H(page, "<p class=\"hint\">The start survey is open this many days either side of the "
            "start date, the end survey either side of the end date; without dates both are "
            "open.</p>\n");
}

/* The create form (PROG NULL) or the edit form of PROG. */
static void programme_form(struct web_request *r, int status, const char *error, json_t *prog)
{
    char a[32], b[32], c[32];
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, prog ? "Edit programme" : "New programme", &v);
    if (error)
        html_notice(&page, true, error);
    if (prog) {
        H(&page, "<form method=\"post\" class=\"card\" action=\"/programmes/");
        html_int(&page, r->ids[0]);
        H(&page, "/edit\">\n");
    } else {
        H(&page, "<form method=\"post\" action=\"/programmes\" class=\"card\">\n");
    }
    html_csrf(&page, r->csrf);
    html_input(&page, "text", "name", "Name", value_of(r, prog, "name", a, sizeof a), true);
    H(&page, "<p class=\"field\"><label for=\"f-description\">Description</label>\n"
             "<textarea id=\"f-description\" name=\"description\" rows=\"3\">");
    html_text(&page, value_of(r, prog, "description", a, sizeof a));
    H(&page, "</textarea></p>\n");
    html_input(&page, "date", "starts_on", "Starts on", value_of(r, prog, "starts_on", a, sizeof a),
               false);
    html_input(&page, "date", "ends_on", "Ends on", value_of(r, prog, "ends_on", b, sizeof b),
               false);
    if (prog) {
        html_input(&page, "number", "set_size_min", "Smallest set",
                   value_of(r, prog, "set_size_min", b, sizeof b), true);
        html_input(&page, "number", "set_size_max", "Largest set",
                   value_of(r, prog, "set_size_max", c, sizeof c), true);
        html_input(&page, "text", "weights", "Weights for forming sets (blank for the defaults)",
                   value_of(r, prog, "weights", a, sizeof a), false);
        H(&page, "<p class=\"hint\">How much each difference counts, e.g. "
                 "organisation=3,department=2,location=1,grade=1,new=2.</p>\n");
        reminder_days_input(r, &page);
        pulse_days_input(r, &page);
        H(&page, "<p><button type=\"submit\">Save</button></p>\n</form>\n");
    } else {
        H(&page, "<p><button type=\"submit\">Create programme</button></p>\n</form>\n");
    }
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

void page_programme_new(struct web_request *r)
{
    programme_form(r, 200, NULL, NULL);
}

/* A calendar date (core/date.h), or empty. */
static bool date_ok(const char *s)
{
    return !s || !*s || date_valid(s);
}

const char *web_programme_problem(const char *name, const char *description, const char *starts_on,
                                  const char *ends_on)
{
    if (!name || !*name)
        return "Give the programme a name.";
    if (strlen(name) > PROGRAMME_NAME_MAX)
        return "The name is too long: at most 200 characters.";
    if (description && strlen(description) > PROGRAMME_DESCRIPTION_MAX)
        return "The description is too long: at most 4000 characters.";
    if (!date_ok(starts_on) || !date_ok(ends_on))
        return "Dates must look like 2026-09-01.";
    if (starts_on && ends_on && *starts_on && *ends_on && strcmp(starts_on, ends_on) > 0)
        return "The programme must end after it starts.";
    return NULL;
}

void page_programme_create(struct web_request *r)
{
    char *name =
        str_printf("%s", formdata_get(&r->form, "name") ? formdata_get(&r->form, "name") : "");
    if (!name) {
        web_error(r, 500, "out of memory");
        return;
    }
    str_trim(name);
    const char *problem = web_programme_problem(name, formdata_get(&r->form, "description"),
                                                formdata_get(&r->form, "starts_on"),
                                                formdata_get(&r->form, "ends_on"));
    long long id = 0;
    int rc = problem ? 1
                     : store_programme_create(r->db, name, formdata_get(&r->form, "description"),
                                              formdata_get(&r->form, "starts_on"),
                                              formdata_get(&r->form, "ends_on"), &id);
    if (problem)
        programme_form(r, 400, problem, NULL);
    else if (rc == 1)
        programme_form(r, 400, "A programme with this name exists already. Choose another.", NULL);
    else if (rc != 0)
        web_error(r, 500, "The programme could not be created.");
    else {
        char *to = str_printf("/programmes/%lld", id);
        web_redirect(r, to ? to : "/");
        free(to);
    }
    free(name);
}

/* A set size from a form: 2..PROGRAMME_SET_SIZE_MAX, else -1. */
static long set_size(const char *s)
{
    char *end;
    long n = s ? strtol(s, &end, 10) : -1;
    return s && *s && !*end && n >= 2 && n <= PROGRAMME_SET_SIZE_MAX ? n : -1;
}

void page_programme_edit_form(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0)
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
    else
        programme_form(r, 200, NULL, prog);
    json_decref(prog);
}

void page_programme_edit(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        return;
    }
    const struct formdata *f = &r->form;
    const char *name = formdata_get(f, "name");
    const char *problem =
        web_programme_problem(name, formdata_get(f, "description"), formdata_get(f, "starts_on"),
                              formdata_get(f, "ends_on"));
    long lo = set_size(formdata_get(f, "set_size_min")),
         hi = set_size(formdata_get(f, "set_size_max"));
    if (!problem && (lo < 0 || hi < 0))
        problem = "Set sizes must be whole numbers from 2 to 20.";
    if (!problem && lo > hi)
        problem = "The smallest set cannot be larger than the largest.";
    int days = days_field(formdata_get(f, "reminder_days"), 0, REMINDER_DAYS_MAX);
    if (!problem && days == -1)
        problem = "Field reminder_days: give a whole number of days from 0 (no reminders) to 60.";
    int pulse = days_field(formdata_get(f, "pulse_window_days"), 1, 365);
    if (!problem && pulse == -1)
        problem = "Field pulse_window_days: give a whole number of days from 1 to 365.";
    if (!problem)
        problem = plan_weights_problem(formdata_get(f, "weights"));
    if (!problem && days >= 0 && store_programme_set_reminder_days(r->db, r->ids[0], days) != 0)
        problem = "The reminder days could not be saved.";
    if (!problem && pulse >= 0 && store_programme_set_pulse_days(r->db, r->ids[0], pulse) != 0)
        problem = "The survey window could not be saved.";
    if (!problem && store_programme_set_weights(r->db, r->ids[0], formdata_get(f, "weights")) != 0)
        problem = "The weights could not be saved.";
    if (!problem) {
        rc = store_programme_update(r->db, r->ids[0], name, formdata_get(f, "description"),
                                    formdata_get(f, "starts_on"), formdata_get(f, "ends_on"), lo,
                                    hi);
        if (rc == 1)
            problem = "Another programme has this name. Choose another.";
        else if (rc != 0)
            problem = "The programme could not be saved.";
    }
    if (problem) {
        programme_form(r, 400, problem, prog);
    } else {
        char *to = str_printf("/programmes/%lld", r->ids[0]);
        web_redirect(r, to ? to : "/");
        free(to);
    }
    json_decref(prog);
}
