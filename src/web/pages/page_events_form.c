/* The events of a programme and the form for a new one (issue 15): the tables, when and where,
 * and the mixing rules, each explained in a plain sentence. A problem is shown next to its
 * field, in people's words, with everything typed kept. Works without JavaScript. */
#include "web/pages/page_events.h"

#include "app/events/event_form.h"
#include "app/meetings/series_plan.h"
#include "engine/meetings/when.h"
#include "store/store_cohort.h"
#include "store/store_plans.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* What the form offers to choose from. */
struct choices {
    struct cohort cohort;        /* its attribute columns, for mixing */
    struct store_listing *plans; /* the programme's plans, for set-mates apart */
    size_t nplans;
    struct store_event_entry *events; /* earlier events, for their tables apart */
    size_t nevents;
};

static int choices_load(struct db *db, long long programme_id, struct choices *c)
{
    memset(c, 0, sizeof *c);
    char *why = NULL;
    int rc = store_load_cohort(db, programme_id, &c->cohort, &why);
    free(why);
    if (rc != 0 || store_programme_plans(db, programme_id, &c->plans, &c->nplans) != 0 ||
        store_events_list(db, programme_id, &c->events, &c->nevents) != 0)
        return -1;
    return 0;
}

static void choices_free(struct choices *c)
{
    cohort_free(&c->cohort);
    store_listing_free(c->plans, c->nplans);
    store_event_entries_free(c->events, c->nevents);
}

/* The first problem with FIELD, or NULL. */
static const char *problem_of(const struct diag_list *problems, const char *field)
{
    for (size_t i = 0; problems && i < problems->count; i++)
        if (problems->items[i].field && strcmp(problems->items[i].field, field) == 0)
            return problems->items[i].message;
    return NULL;
}

/* The attributes that tie a control to its hint (h-NAME) and its problem (e-NAME). */
static void described_by(struct html *page, const char *name, bool hint, const char *problem)
{
    if (!hint && !problem)
        return;
    H(page, " aria-describedby=\"");
    if (hint) {
        H(page, "h-");
        html_text(page, name);
    }
    if (hint && problem)
        H(page, " ");
    if (problem) {
        H(page, "e-");
        html_text(page, name);
    }
    H(page, "\"");
    if (problem)
        H(page, " aria-invalid=\"true\"");
}

static void label(struct html *page, const char *name, const char *text)
{
    H(page, "<p class=\"field\"><label for=\"f-");
    html_text(page, name);
    H(page, "\">");
    html_text(page, text);
    H(page, "</label>\n");
}

/* The hint and the problem under a control, and the end of the field. */
static void field_end(struct html *page, const char *name, const char *hint, const char *problem)
{
    if (hint) {
        H(page, "\n<span class=\"hint field-hint\" id=\"h-");
        html_text(page, name);
        H(page, "\">");
        html_text(page, hint);
        H(page, "</span>");
    }
    if (problem) {
        H(page, "\n<span class=\"field-error\" id=\"e-");
        html_text(page, name);
        H(page, "\">");
        html_text(page, problem);
        H(page, "</span>");
    }
    H(page, "</p>\n");
}

/* What was typed in NAME, else DFLT. */
static const char *typed(const struct web_request *r, const char *name, const char *dflt)
{
    const char *v = formdata_get(&r->form, name);
    return v ? v : dflt;
}

static void input(struct web_request *r, struct html *page, const char *type, const char *name,
                  const char *text, const char *hint, const char *dflt, bool required,
                  const struct diag_list *problems)
{
    const char *problem = problem_of(problems, name);
    label(page, name, text);
    H(page, "<input type=\"");
    html_text(page, type);
    H(page, "\" id=\"f-");
    html_text(page, name);
    H(page, "\" name=\"");
    html_text(page, name);
    H(page, "\" value=\"");
    html_text(page, typed(r, name, dflt));
    H(page, "\"");
    if (required)
        H(page, " required");
    described_by(page, name, hint != NULL, problem);
    H(page, ">");
    field_end(page, name, hint, problem);
}

static void select_begin(struct html *page, const char *name, const char *text, const char *hint,
                         const char *problem, const char *none, bool chosen_none)
{
    label(page, name, text);
    H(page, "<select id=\"f-");
    html_text(page, name);
    H(page, "\" name=\"");
    html_text(page, name);
    H(page, "\"");
    described_by(page, name, hint != NULL, problem);
    H(page, ">\n<option value=\"\"");
    if (chosen_none)
        H(page, " selected");
    H(page, ">");
    html_text(page, none);
    H(page, "</option>\n");
}

static void option_id(struct html *page, long long id, const char *text, const char *chosen)
{
    H(page, "<option value=\"");
    html_int(page, id);
    H(page, "\"");
    if (chosen && *chosen && atoll(chosen) == id)
        H(page, " selected");
    H(page, ">");
    html_text(page, text);
    H(page, "</option>\n");
}

static void rules_fields(struct web_request *r, struct html *page, const struct choices *c,
                         const struct diag_list *problems)
{
    H(page, "<fieldset>\n<legend>Mixing</legend>\n");
    const char *mix = typed(r, "mix_by", "");
    const char *problem = problem_of(problems, "mix_by");
    static const char mix_hint[] = "People who share this column (e.g. the same department) are "
                                   "spread over different tables, so that each table mixes as "
                                   "much as the people allow.";
    select_begin(page, "mix_by", "Mix by", mix_hint, problem, "No mixing", !*mix);
    for (size_t i = 0; i < c->cohort.attr_count; i++) {
        H(page, "<option value=\"");
        html_text(page, c->cohort.attrs[i]);
        H(page, "\"");
        if (str_ieq(mix, c->cohort.attrs[i]))
            H(page, " selected");
        H(page, ">");
        html_text(page, c->cohort.attrs[i]);
        H(page, "</option>\n");
    }
    H(page, "</select>");
    field_end(page, "mix_by", mix_hint, problem);

    const char *plan = typed(r, "apart_plan", "");
    problem = problem_of(problems, "apart_plan");
    static const char plan_hint[] = "Members of the same action learning set in this plan never "
                                    "sit at one table: they know each other already.";
    select_begin(page, "apart_plan", "Keep set-mates apart", plan_hint, problem,
                 "No: set-mates may meet", !*plan);
    for (size_t i = 0; i < c->nplans; i++)
        option_id(page, c->plans[i].id, c->plans[i].name, plan);
    H(page, "</select>");
    field_end(page, "apart_plan", plan_hint, problem);

    const char *before = typed(r, "apart_event", "");
    problem = problem_of(problems, "apart_event");
    static const char event_hint[] = "People who shared a table at this event count as having "
                                     "met already, so the plan seats them with new people where "
                                     "it can.";
    select_begin(page, "apart_event", "Keep the tables of an earlier event apart", event_hint,
                 problem, "No earlier event", !*before);
    for (size_t i = 0; i < c->nevents; i++)
        if (c->events[i].generated)
            option_id(page, c->events[i].id, c->events[i].name, before);
    H(page, "</select>");
    field_end(page, "apart_event", event_hint, problem);
    H(page, "</fieldset>\n");
}

static void events_form(struct web_request *r, struct html *page, const struct choices *c,
                        const struct diag_list *problems)
{
    H(page, "<h2 id=\"new\">New event</h2>\n<form class=\"stack\" method=\"post\" "
            "action=\"/programmes/");
    html_int(page, r->ids[0]);
    H(page, "/events\" novalidate>\n");
    html_csrf(page, r->csrf);
    H(page, "<fieldset>\n<legend>The tables</legend>\n");
    input(r, page, "text", "name", "Name", NULL, "", true, problems);
    input(r, page, "text", "group_size", "People per table",
          "A number, e.g. 4, or a range, e.g. 4-5, when the people do not divide evenly.", "4",
          true, problems);
    input(r, page, "number", "rounds", "Rounds",
          "Each round, everyone moves to a new table and meets new people.", "3", true, problems);
    H(page, "</fieldset>\n<fieldset>\n<legend>When and where</legend>\n");
    input(r, page, "datetime-local", "starts", "First round starts (local date and time)",
          "Optional. Shown on the table cards, the itineraries and each person's page.", "", false,
          problems);
    char tz[SERIES_TZ_MAX + 1];
    series_default_tz(r->db, r->ids[0], tz);
    input(r, page, "text", "tz", "Time zone", "An IANA name such as Europe/London.", tz, true,
          problems);
    input(r, page, "number", "round_minutes", "Minutes per round",
          "Optional: gives each round its own time on the cards.", "20", false, problems);
    input(r, page, "text", "place", "Place", "Optional, e.g. the venue and room.", "", false,
          problems);
    H(page, "</fieldset>\n");
    rules_fields(r, page, c, problems);
    H(page, "<p><button type=\"submit\">Create event</button></p>\n</form>\n");
}

static void events_list(struct html *page, json_t *list)
{
    if (json_array_size(list) == 0) {
        H(page, "<p>No events yet. Create the first one with the form below; then generate its "
                "tables.</p>\n");
        return;
    }
    H(page, "<table class=\"list\">\n<thead><tr><th scope=\"col\">Event</th>"
            "<th scope=\"col\">When and where</th><th scope=\"col\">Table size</th><th "
            "scope=\"col\">Rounds</th>"
            "<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        H(page, "<tr><td><a href=\"/events/");
        html_int(page, json_integer_value(json_object_get(e, "id")));
        H(page, "\">");
        html_text(page, json_string_value(json_object_get(e, "name")));
        H(page, "</a></td><td>");
        struct store_event when = {0};
        const char *text = json_string_value(json_object_get(e, "starts_at"));
        str_copy(when.starts_at, text ? text : "", sizeof when.starts_at);
        str_copy(when.tzid, json_string_value(json_object_get(e, "tz")), sizeof when.tzid);
        when.rounds = (int)json_integer_value(json_object_get(e, "rounds"));
        when.round_minutes = (int)json_integer_value(json_object_get(e, "round_minutes"));
        char at[MEET_WHEN_MAX];
        event_when(&when, at, sizeof at);
        html_text(page, at);
        text = json_string_value(json_object_get(e, "place"));
        if (at[0] && text && text[0])
            H(page, ", ");
        html_text(page, text);
        H(page, "</td><td>");
        json_int_t smallest = json_integer_value(json_object_get(e, "min_group_size"));
        if (smallest) {
            html_int(page, smallest);
            H(page, "-");
        }
        html_int(page, json_integer_value(json_object_get(e, "group_size")));
        H(page, "</td><td>");
        html_int(page, json_integer_value(json_object_get(e, "rounds")));
        H(page, "</td><td>");
        if (json_is_true(json_object_get(e, "generated")))
            H(page, "generated");
        else
            H(page, "not generated");
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
}

/* The list and the form; PROBLEMS (may be NULL) from a refused POST, PROBLEM a sentence. */
static void events_page(struct web_request *r, int status, const struct diag_list *problems,
                        const char *problem)
{
    json_t *prog = NULL, *list = NULL;
    struct choices c = {0};
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    if (rc != 0 || view_events(r->db, r->ids[0], &list) != 0 ||
        choices_load(r->db, r->ids[0], &c) != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        choices_free(&c);
        json_decref(prog);
        json_decref(list);
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Mixer events", &v);
    H(&page, "<p class=\"meta\"><a href=\"/programmes/");
    html_int(&page, r->ids[0]);
    H(&page, "\">");
    html_text(&page, json_string_value(json_object_get(prog, "name")));
    H(&page, "</a></p>\n");
    if (problem)
        html_notice(&page, true, problem);
    if (problems && problems->count) {
        H(&page, "<div class=\"error\" role=\"alert\"><p>The event was not created. Please check "
                 "these fields:</p>\n<ul>\n");
        for (size_t i = 0; i < problems->count; i++) {
            H(&page, "<li><a href=\"#f-");
            html_text(&page, problems->items[i].field);
            H(&page, "\">");
            html_text(&page, problems->items[i].message);
            H(&page, "</a></li>\n");
        }
        H(&page, "</ul></div>\n");
    }
    events_list(&page, list);
    events_form(r, &page, &c, problems);
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
    choices_free(&c);
    json_decref(prog);
    json_decref(list);
}

void page_events(struct web_request *r)
{
    events_page(r, 200, NULL, NULL);
}

static const char *form_value(void *ctx, const char *name)
{
    return formdata_get(ctx, name);
}

void page_event_create(struct web_request *r)
{
    json_t *prog = NULL;
    int rc = view_programme(r->db, &r->user, r->ids[0], &prog);
    json_decref(prog);
    if (rc != 0) {
        web_error(r, rc == 1 ? 404 : 500, "There is no such programme.");
        return;
    }
    struct store_event ev;
    struct diag_list problems = {0};
    rc = event_form_read(r->db, r->ids[0], form_value, &r->form, &ev, &problems);
    long long id = 0;
    if (rc == 1)
        events_page(r, 400, &problems, NULL);
    else if (rc != 0)
        web_error(r, 500, "The event could not be created.");
    else if ((rc = store_event_create(r->db, &ev, &id)) == 1) {
        diag_add(&problems, NULL, 0, "name",
                 "An event with this name exists already. Choose "
                 "another.");
        events_page(r, 400, &problems, NULL);
    } else if (rc != 0)
        web_error(r, 500, "The event could not be created.");
    else {
        char *to = str_printf("/events/%lld", id);
        web_redirect(r, to ? to : "/");
        free(to);
    }
    diag_list_free(&problems);
}
