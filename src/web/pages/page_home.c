/* The start page: the programme dashboard for admins, "My setwork" for everyone else. */
#include "web/http/web.h"

#include "engine/meetings/when.h"
#include "store/store_events.h"
#include "store/store_network.h"
#include "web/pages/page_events.h"

#include "web/http/views.h"

#include "store/store_sets.h"

#include <string.h>

/* What the programme lead should do next, by state: the dashboard's to-do column. */
static void next_step(struct html *page, json_t *p)
{
    const char *state = json_string_value(json_object_get(p, "state"));
    long long id = json_integer_value(json_object_get(p, "id"));
    if (json_integer_value(json_object_get(p, "members")) == 0) {
        H(page, "<a href=\"/programmes/");
        html_int(page, id);
        H(page, "/import\">Import the cohort</a>");
    } else if (strcmp(state, "draft") == 0) {
        H(page, "Form and publish sets");
    } else if (strcmp(state, "sets published") == 0 || strcmp(state, "running") == 0) {
        H(page, "<a href=\"/programmes/");
        html_int(page, id);
        H(page, "/sets/print\">Share the sets</a>");
    } else {
        H(page, "Nothing");
    }
}

/* One table row per programme: name, state, members, sets. */
static void programme_table(struct html *page, json_t *list)
{
    H(page, "<table class=\"list\">\n<caption class=\"sr\">Programmes</caption>\n"
            "<thead><tr><th scope=\"col\">Programme</th><th scope=\"col\">State</th>"
            "<th scope=\"col\" class=\"num\">People</th><th scope=\"col\" class=\"num\">Sets</th>"
            "<th scope=\"col\">Next step</th></tr></thead>\n<tbody>\n");
    size_t i;
    json_t *p;
    json_array_foreach(list, i, p)
    {
        H(page, "<tr><td><a href=\"/programmes/");
        html_int(page, json_integer_value(json_object_get(p, "id")));
        H(page, "\">");
        html_text(page, json_string_value(json_object_get(p, "name")));
        H(page, "</a></td><td><span class=\"state\">");
        html_text(page, json_string_value(json_object_get(p, "state")));
        H(page, "</span></td><td class=\"num\">");
        html_int(page, json_integer_value(json_object_get(p, "members")));
        H(page, "</td><td class=\"num\">");
        html_int(page, json_integer_value(json_object_get(p, "sets")));
        H(page, "</td><td>");
        next_step(page, p);
        H(page, "</td></tr>\n");
    }
    H(page, "</tbody></table>\n");
}

static void dashboard(struct web_request *r)
{
    json_t *list = view_programmes(r->db, &r->user);
    if (!list) {
        web_error(r, 500, "The programmes could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "Programmes", &v);
    H(&page, "<p class=\"actions\"><a class=\"button\" href=\"/programmes/new\">New "
             "programme</a></p>\n");
    if (json_array_size(list) == 0)
        H(&page, "<p>No programmes yet. Create one, then import its cohort from a CSV "
                 "file.</p>\n");
    else
        programme_table(&page, list);
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(list);
}

/* The newest notices about a person's sets shown on their home page. */
#define HOME_NOTICES 5

/* "You have moved from Set 2 to Set 1 from 3 March 2026.": what changed in the person's sets. */
static void notices(struct web_request *r, struct html *page)
{
    struct store_notice *list = NULL;
    size_t n = 0;
    if (!r->user.person_id ||
        store_notices_for(r->db, r->user.person_id, HOME_NOTICES, &list, &n) != 0 || n == 0) {
        store_notices_free(list, n);
        return;
    }
    H(page, "<ul class=\"member-notices\">\n");
    for (size_t i = 0; i < n; i++) {
        H(page, "<li class=\"notice\">");
        html_text(page, list[i].body);
        H(page, "</li>\n");
    }
    H(page, "</ul>\n");
    store_notices_free(list, n);
}

/* Whether programme PID has a network survey wave (a failed read counts as none). */
static bool has_network_wave(struct web_request *r, long long pid)
{
    struct network_wave_row *waves = NULL;
    size_t n = 0;
    bool any = store_network_waves(r->db, pid, &waves, &n) == 0 && n > 0;
    network_wave_rows_free(waves, n);
    return any;
}

/* The mixer events the person has a seat at, each linked to their own tables. */
static void my_events(struct web_request *r, struct html *page)
{
    struct store_event_entry *evs = NULL;
    size_t n = 0;
    if (!r->user.person_id || store_events_of_person(r->db, r->user.person_id, &evs, &n) != 0 ||
        n == 0) {
        store_event_entries_free(evs, n);
        return;
    }
    H(page, "<section aria-labelledby=\"my-events\"><h2 id=\"my-events\">Mixer events</h2>\n"
            "<ul class=\"events\">\n");
    for (size_t i = 0; i < n; i++) {
        H(page, "<li><a href=\"/events/");
        html_int(page, evs[i].id);
        H(page, "/me\">");
        html_text(page, evs[i].name);
        H(page, "</a>: your table in each of the ");
        html_int(page, evs[i].rounds);
        H(page, " rounds");
        struct store_event when = {.rounds = evs[i].rounds, .round_minutes = evs[i].round_minutes};
        str_copy(when.starts_at, evs[i].starts_at, sizeof when.starts_at);
        str_copy(when.tzid, evs[i].tzid, sizeof when.tzid);
        char at[MEET_WHEN_MAX];
        event_when(&when, at, sizeof at);
        if (at[0]) {
            H(page, ", ");
            html_text(page, at);
        }
        if (evs[i].place[0]) {
            H(page, ", ");
            html_text(page, evs[i].place);
        }
        H(page, "</li>\n");
    }
    H(page, "</ul></section>\n");
    store_event_entries_free(evs, n);
}

static void my_setwork(struct web_request *r)
{
    json_t *sets = view_my_sets(r->db, &r->user);
    if (!sets) {
        web_error(r, 500, "Your sets could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, "My setwork", &v);
    notices(r, &page);
    H(&page, "<h2>My sets</h2>\n");
    if (json_array_size(sets) == 0) {
        H(&page, "<p>You are not in a set yet. When your programme lead publishes the sets, "
                 "yours appears here.</p>\n");
    } else {
        H(&page, "<ul class=\"cards\">\n");
        size_t i;
        json_t *s;
        json_array_foreach(sets, i, s)
        {
            H(&page, "<li class=\"card\"><h3><a href=\"/sets/");
            html_int(&page, json_integer_value(json_object_get(s, "id")));
            H(&page, "\">");
            html_text(&page, json_string_value(json_object_get(s, "name")));
            H(&page, "</a></h3>\n<p>");
            html_text(&page, json_string_value(json_object_get(s, "programme")));
            H(&page, " · ");
            html_int(&page, json_integer_value(json_object_get(s, "members")));
            H(&page, " members");
            if (strcmp(json_string_value(json_object_get(s, "role")), "facilitator") == 0)
                H(&page, " · you facilitate");
            else if (*json_string_value(json_object_get(s, "facilitator"))) {
                H(&page, " · facilitator ");
                html_text(&page, json_string_value(json_object_get(s, "facilitator")));
            }
            H(&page, "</p>\n<p class=\"actions\">");
            long long pid = json_integer_value(json_object_get(s, "programme_id"));
            /* The network survey only once a wave is open: before, its pages are 404. */
            if (has_network_wave(r, pid)) {
                H(&page, "<a href=\"/network/");
                html_int(&page, pid);
                H(&page, "\">Network survey</a> <a href=\"/network/");
                html_int(&page, pid);
                H(&page, "/me\">My network</a> ");
            }
            H(&page, "<a href=\"/my/challenges\">My challenges</a> "
                     "<a href=\"/my/survey?wave=start\">Pulse survey</a></p></li>\n");
        }
        H(&page, "</ul>\n");
    }
    web_next_meeting(r, &page);
    my_events(r, &page);
    html_page_end(&page);
    web_html(r, 200, &page);
    html_free(&page);
    json_decref(sets);
}

void page_home(struct web_request *r)
{
    if (r->user.role == ROLE_ADMIN)
        dashboard(r);
    else
        my_setwork(r);
}
