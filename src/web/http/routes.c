/* Authorisation in one place: the route table says who may use each route; web_dispatch
 * enforces it (login, role, Origin, CSRF) before any handler runs. Object-level checks (whose
 * set, whose record) live in the store queries the handlers call (store_programmes, store_people
 * and store_sets, shaped as JSON by web/http/views.h). */
#include "web/http/metrics.h"
#include "web/http/tls.h"
#include "web/http/web.h"
#include "web/pages/meeting_rounds.h"
#include "web/pages/page_events.h"
#include "web/pages/page_network.h"

#include <stdlib.h>
#include <string.h>

#include "web/pages/page_mail.h"
#include "web/pages/page_plan.h"
#include "web/pages/page_themes.h"

#define A ROLE_ADMIN
#define F ROLE_FACILITATOR
#define P ROLE_PARTICIPANT

/* Adding a page is adding a line here; the HTTP tests read tests/e2e/web/authz.tsv, which must
 * list every route for every role. Routes for forming sets come with the formation engine:
 * GET/POST /programmes/#/form, /plans/#, POST /plans/#/move, /plans/#/publish (admins). */
const struct web_route web_routes[] = {
    {WEB_GET, "/login", 0, false, page_login_form},
    {WEB_POST, "/login", 0, false, page_login},
    {WEB_GET, "/invitation", 0, false, page_invitation_form},
    {WEB_POST, "/invitation", 0, false, page_invitation},
    {WEB_GET, "/password-reset", 0, false, page_reset_form},
    {WEB_POST, "/password-reset", 0, false, page_reset},
    {WEB_GET, "/static/*", 0, false, page_static},
    {WEB_GET, "/favicon.ico", 0, false, page_favicon},
    {WEB_GET, "/healthz", 0, false, web_healthz},
    {WEB_GET, "/metrics", 0, false, web_metrics},
    {WEB_POST, "/logout", ROLES_ALL, false, page_logout},
    {WEB_POST, "/logout/everywhere", ROLES_ALL, false, page_logout_everywhere},
    {WEB_GET, "/", ROLES_ALL, false, page_home},
    {WEB_GET, "/programmes/new", A, false, page_programme_new},
    {WEB_POST, "/programmes", A, false, page_programme_create},
    {WEB_GET, "/programmes/#", A, false, page_programme},
    {WEB_GET, "/programmes/#/edit", A, false, page_programme_edit_form},
    {WEB_POST, "/programmes/#/edit", A, false, page_programme_edit},
    {WEB_GET, "/programmes/#/import", A, false, page_upload_form},
    {WEB_POST, "/programmes/#/import", A, false, page_upload},
    {WEB_GET, "/programmes/#/sets.csv", A, false, page_sets_export_csv},
    {WEB_GET, "/programmes/#/sets/print", A, false, page_sets_print},
    {WEB_GET, "/programmes/#/form", A, false, page_plan_form},
    {WEB_POST, "/programmes/#/form", A, false, page_plan_create},
    {WEB_GET, "/plans/#", A, false, page_plan},
    {WEB_POST, "/plans/#/move", A, false, page_plan_move},
    {WEB_POST, "/plans/#/lock", A, false, page_plan_lock},
    {WEB_POST, "/plans/#/reoptimise", A, false, page_plan_reopt},
    {WEB_POST, "/plans/#/facilitator", A, false, page_plan_facil},
    {WEB_POST, "/plans/#/publish", A, false, page_plan_publish},
    {WEB_POST, "/plans/#/undo", A, false, page_plan_undo},
    {WEB_GET, "/plans/#/sets.csv", A, false, page_plan_csv},
    {WEB_GET, "/plans/#/sets.xlsx", A, false, page_plan_xlsx},
    {WEB_GET, "/programmes/#/report", A, false, page_report},
    {WEB_GET, "/programmes/#/report.pdf", A, false, page_report_pdf},
    {WEB_GET, "/programmes/#/themes", A, false, page_themes},
    {WEB_POST, "/programmes/#/themes/rename", A, false, page_theme_rename},
    {WEB_POST, "/programmes/#/themes/merge", A, false, page_theme_merge},
    {WEB_POST, "/programmes/#/themes/split", A, false, page_theme_split},
    {WEB_GET, "/people/#", ROLES_ALL, false, page_person},
    {WEB_GET, "/people/#/edit", A, false, page_person_edit_form},
    {WEB_POST, "/people/#/edit", A, false, page_person_edit},
    {WEB_GET, "/sets/#", ROLES_ALL, false, page_set},
    {WEB_GET, "/sets/#/reviews", ROLES_ALL, false, page_set_reviews},
    {WEB_GET, "/account", ROLES_ALL, false, page_account},
    {WEB_POST, "/account/tokens", ROLES_ALL, false, page_token_create},
    {WEB_POST, "/account/password", ROLES_ALL, false, page_password_change},
    {WEB_POST, "/account/tokens/#/delete", ROLES_ALL, false, page_token_delete},
    {WEB_GET, "/my/meetings", ROLES_ALL, false, page_my_meetings},
    {WEB_GET, "/my/challenges", ROLES_ALL, false, page_my_challenges},
    {WEB_POST, "/my/challenges", ROLES_ALL, false, page_challenge_save},
    {WEB_GET, "/my/survey", ROLES_ALL, false, page_my_survey},
    {WEB_POST, "/my/survey", ROLES_ALL, false, page_survey_submit},
    {WEB_GET, "/meetings/#", ROLES_ALL, false, page_meeting},
    {WEB_GET, "/meetings/#/ics", ROLES_ALL, false, page_meeting_ics},
    {WEB_GET, "/meetings/#/live", ROLES_ALL, false, page_meeting_live},
    {WEB_GET, "/meetings/#/presentations/#/questions.txt", ROLES_ALL, false,
     page_presentation_questions},
    {WEB_POST, "/meetings/#/questions", ROLES_ALL, false, page_meeting_question},
    {WEB_POST, "/meetings/#/questions/#/mark", ROLES_ALL, false, page_question_mark},
    {WEB_POST, "/meetings/#/attendance", ROLES_ALL, false, page_meeting_attendance},
    {WEB_POST, "/meetings/#/rules", ROLES_ALL, false, page_meeting_rule},
    {WEB_POST, "/meetings/#/facilitator", ROLES_ALL, false, page_meeting_handover},
    {WEB_POST, "/meetings/#/timer", ROLES_ALL, false, page_meeting_timer},
    {WEB_POST, "/meetings/#/presenters", ROLES_ALL, false, page_meeting_presenter},
    {WEB_POST, "/meetings/#/checkin", ROLES_ALL, false, page_meeting_checkin},
    {WEB_POST, "/meetings/#/actions", ROLES_ALL, false, page_meeting_action_add},
    {WEB_POST, "/meetings/#/actions/#/report", ROLES_ALL, false, page_meeting_action_report},
    {WEB_POST, "/meetings/#/review", ROLES_ALL, false, page_meeting_review},
    {WEB_POST, "/meetings/#/move", A, false, page_meeting_move},
    {WEB_POST, "/meetings/#/cancel", A, false, page_meeting_cancel},
    {WEB_GET, "/programmes/#/series", A, false, page_series_form},
    {WEB_POST, "/programmes/#/series", A, false, page_series_schedule},
    {WEB_GET, "/journal", ROLES_ALL, false, page_journal},
    {WEB_POST, "/journal", ROLES_ALL, false, page_journal_add},
    {WEB_POST, "/journal/#/edit", ROLES_ALL, false, page_journal_edit},
    {WEB_POST, "/journal/#/delete", ROLES_ALL, false, page_journal_delete},
    {WEB_GET, "/account/calendar", ROLES_ALL, false, page_calendar_settings},
    {WEB_POST, "/account/calendar", ROLES_ALL, false, page_calendar_new},
    {WEB_GET, "/unsubscribe", 0, false, page_unsubscribe_form},
    {WEB_POST, "/unsubscribe", 0, false, page_unsubscribe},
    {WEB_POST, "/account/reminders", ROLES_ALL, false, page_account_reminders},
    {WEB_GET, "/calendar/*", 0, false, page_calendar_feed},
    {WEB_GET, "/users", A, false, page_users},
    {WEB_POST, "/users", A, false, page_user_invite},
    {WEB_POST, "/users/invite-all", A, false, page_users_invite_all},
    {WEB_POST, "/users/#/role", A, false, page_user_role},
    {WEB_POST, "/users/#/disable", A, false, page_user_disable},
    {WEB_GET, "/programmes/#/events", A, false, page_events},
    {WEB_POST, "/programmes/#/events", A, false, page_event_create},
    {WEB_GET, "/events/#", A, false, page_event},
    {WEB_POST, "/events/#/generate", A, false, page_event_generate},
    {WEB_POST, "/events/#/absent", A, false, page_event_absent},
    {WEB_POST, "/events/#/lock", A, false, page_event_lock},
    {WEB_GET, "/events/#/print", A, false, page_event_print},
    {WEB_GET, "/events/#/schedule.csv", A, false, page_event_csv},
    {WEB_GET, "/events/#/me", ROLES_ALL, false, page_event_mine},
    {WEB_GET, "/network/#", P, false, page_network_survey},
    {WEB_POST, "/network/#", P, false, page_network_answer},
    {WEB_GET, "/network/#/me", P, false, page_network_me},
    {WEB_GET, "/network/#/people/#/ego.svg", A | P, false, page_network_ego_svg},
    {WEB_GET, "/programmes/#/network", A, false, page_network_report},
    {WEB_POST, "/programmes/#/network/waves", A, false, page_network_wave_create},
    {WEB_GET, "/programmes/#/network.svg", A, false, page_network_svg},
    {WEB_GET, "/programmes/#/network/charts.svg", A, false, page_network_charts_svg},
    {WEB_GET, "/programmes/#/network/anonymised.svg", A, false, page_network_anon_svg},
    {WEB_GET, "/programmes/#/network.graphml", A, false, page_network_graphml},
    {WEB_GET, "/programmes/#/network/nodes.csv", A, false, page_network_nodes_csv},
    {WEB_GET, "/programmes/#/network/edges.csv", A, false, page_network_edges_csv},
    {WEB_GET, "/programmes/#/network/graph.json", A, false, page_network_graph_json},

    {WEB_GET, "/api/v1/me", ROLES_ALL, true, api_me},
    {WEB_GET, "/api/v1/programmes", ROLES_ALL, true, api_programmes},
    {WEB_POST, "/api/v1/programmes", A, true, api_programme_create},
    {WEB_GET, "/api/v1/programmes/#", A, true, api_programme},
    {WEB_POST, "/api/v1/programmes/#", A, true, api_programme_update},
    {WEB_GET, "/api/v1/programmes/#/people", A, true, api_people},
    {WEB_POST, "/api/v1/programmes/#/import", A, true, api_import},
    {WEB_GET, "/api/v1/programmes/#/sets", A, true, api_programme_sets},
    {WEB_POST, "/api/v1/programmes/#/plans", A, true, api_plan_create},
    {WEB_GET, "/api/v1/plans/#", A, true, api_plan},
    {WEB_POST, "/api/v1/plans/#/move", A, true, api_plan_move},
    {WEB_POST, "/api/v1/plans/#/lock", A, true, api_plan_lock},
    {WEB_POST, "/api/v1/plans/#/reoptimise", A, true, api_plan_reopt},
    {WEB_POST, "/api/v1/plans/#/facilitator", A, true, api_plan_facil},
    {WEB_POST, "/api/v1/plans/#/publish", A, true, api_plan_publish},
    {WEB_POST, "/api/v1/plans/#/undo", A, true, api_plan_undo},
    {WEB_GET, "/api/v1/programmes/#/report", A, true, api_report},
    {WEB_GET, "/api/v1/people/#", ROLES_ALL, true, api_person},
    {WEB_POST, "/api/v1/people/#", A, true, api_person_update},
    {WEB_GET, "/api/v1/my/sets", ROLES_ALL, true, api_my_sets},
    {WEB_GET, "/api/v1/sets/#", ROLES_ALL, true, api_set},
    {WEB_GET, "/api/v1/tokens", ROLES_ALL, true, api_tokens},
    {WEB_POST, "/api/v1/tokens", ROLES_ALL, true, api_token_create},
    {WEB_POST, "/api/v1/tokens/#/delete", ROLES_ALL, true, api_token_delete},
    {WEB_GET, "/api/v1/my/meetings", ROLES_ALL, true, api_my_meetings},
    {WEB_GET, "/api/v1/meetings/#", ROLES_ALL, true, api_meeting},
    {WEB_POST, "/api/v1/meetings/#/questions", ROLES_ALL, true, api_meeting_question},
    {WEB_GET, "/api/v1/meetings/#/records", ROLES_ALL, true, api_meeting_records},
    {WEB_POST, "/api/v1/meetings/#/checkin", ROLES_ALL, true, api_meeting_checkin},
    {WEB_POST, "/api/v1/meetings/#/actions", ROLES_ALL, true, api_meeting_action_add},
    {WEB_POST, "/api/v1/meetings/#/actions/#/report", ROLES_ALL, true, api_meeting_action_report},
    {WEB_POST, "/api/v1/meetings/#/review", ROLES_ALL, true, api_meeting_review},
    {WEB_GET, "/api/v1/my/actions", ROLES_ALL, true, api_my_actions},
    {WEB_GET, "/api/v1/sets/#/reviews", ROLES_ALL, true, api_set_reviews},
    {WEB_POST, "/api/v1/meetings/#/cancel", A, true, api_meeting_cancel},
    {WEB_POST, "/api/v1/meetings/#/move", A, true, api_meeting_move},
    {WEB_GET, "/api/v1/meetings/#/timer", ROLES_ALL, true, api_meeting_timer_get},
    {WEB_POST, "/api/v1/meetings/#/timer", ROLES_ALL, true, api_meeting_timer_post},
    {WEB_POST, "/api/v1/meetings/#/presenters", ROLES_ALL, true, api_meeting_presenter},
    {WEB_POST, "/api/v1/meetings/#/attendance", ROLES_ALL, true, api_meeting_attendance},
    {WEB_POST, "/api/v1/programmes/#/series", A, true, api_programme_series},
    {WEB_POST, "/api/v1/sets/#/series", A, true, api_set_series},
    {WEB_GET, "/api/v1/users", A, true, api_users},
    {WEB_POST, "/api/v1/users", A, true, api_user_invite},
    {WEB_GET, "/api/v1/programmes/#/events", A, true, api_events},
    {WEB_POST, "/api/v1/programmes/#/events", A, true, api_event_create},
    {WEB_GET, "/api/v1/events/#", A, true, api_event},
    {WEB_POST, "/api/v1/events/#/generate", A, true, api_event_generate},
    {WEB_POST, "/api/v1/events/#/absent", A, true, api_event_absent},
    {WEB_POST, "/api/v1/events/#/lock", A, true, api_event_lock},
    {WEB_POST, "/api/v1/network/#", P, true, api_network_answer},
    {WEB_GET, "/api/v1/network/#/me", P, true, api_network_me},
    {WEB_GET, "/api/v1/programmes/#/network", A, true, api_network_report},
    {WEB_GET, "/api/v1/programmes/#/network.graphml", A, true, api_network_graphml},
    {0, NULL, 0, false, NULL},
};

/* Matches PATH against PATTERN, storing '#' numbers in IDS. '*' at the end matches one
 * remaining segment of safe characters (asset names). */
static bool match(const char *pattern, const char *path, long long ids[2])
{
    int n = 0;
    while (*pattern && *path) {
        if (*pattern == '#') {
            long long v = 0;
            int digits = 0;
            while (*path >= '0' && *path <= '9') {
                if (digits++ >= 15)
                    return false;
                v = v * 10 + (*path++ - '0');
            }
            if (digits == 0 || v == 0 || n >= 2)
                return false;
            ids[n++] = v;
            pattern++;
        } else if (*pattern == '*') {
            for (; *path; path++)
                if (!((*path >= 'a' && *path <= 'z') || (*path >= '0' && *path <= '9') ||
                      *path == '.' || *path == '-' || *path == '_'))
                    return false;
            return true;
        } else if (*pattern++ != *path++) {
            return false;
        }
    }
    return *pattern == '\0' && *path == '\0';
}

size_t web_begin(struct web_request *r)
{
    const struct web_route *path_match = NULL;
    for (const struct web_route *rt = web_routes; rt->pattern; rt++) {
        long long ids[2] = {0, 0};
        if (!match(rt->pattern, r->path, ids))
            continue;
        path_match = rt;
        if (rt->methods & (int)r->method) {
            r->route = rt;
            memcpy(r->ids, ids, sizeof ids);
            break;
        }
    }
    if (!r->route && path_match)
        r->route = NULL, r->status = 405;
    if (!r->route)
        return WEB_MAX_BODY_ANON; /* read a small body, then answer 404 or 405 */
    r->api = r->route->api;
    int rc = 1;
    if (r->api && r->bearer)
        rc = auth_api_user(r->db, r->bearer, r->now, &r->user);
    else if (r->cookie_token)
        rc = auth_session_find(r->db, r->cookie_token, r->now, r->config->session_idle,
                               r->config->session_max, &r->user, r->csrf);
    r->logged_in = rc == 0;
    /* The pages' own scripts call the API with the session cookie: then a POST must also carry
     * the session's CSRF token in X-CSRF-Token and come from this site (web_dispatch). */
    r->api_session = r->api && !r->bearer && r->logged_in;
    return r->logged_in ? WEB_MAX_BODY : WEB_MAX_BODY_ANON;
}

/* The Origin check: a browser sends Origin on every POST; when it names another site the
 * request is forged, whatever else it carries. */
static bool origin_ok(const struct web_request *r)
{
    if (!r->origin_header)
        return true;
    if (strcmp(r->origin_header, r->config->origin) == 0 ||
        web_origin_is_public(r->config, r->origin_header))
        return true;
    /* localhost and 127.0.0.1 name the same server. */
    char *alt = str_printf("%s://localhost:%d",
                           strncmp(r->config->origin, "https:", 6) == 0 ? "https" : "http",
                           r->config->port);
    bool ok = alt && strcmp(r->origin_header, alt) == 0;
    free(alt);
    return ok;
}

static bool csrf_ok(const struct web_request *r)
{
    const char *sent = r->api ? r->csrf_header : formdata_get(&r->form, "csrf");
    if (!sent)
        return false;
    if (r->logged_in && r->csrf[0] && auth_secret_equal(sent, r->csrf))
        return true;
    /* Before logging in there is no session: the form's token must match its cookie. Only the
     * public forms (login, invitation) accept it. */
    return r->route->roles == 0 && r->pre_token && strlen(r->pre_token) == AUTH_TOKEN_LEN &&
           auth_secret_equal(sent, r->pre_token);
}

/* RFC 8058: a mail client posts "List-Unsubscribe=One-Click" to the link in the header,
 * without cookies or a form token. The token in the link is the only authority the route
 * uses (it turns off reminders for one address), so a forged request gains nothing. */
static bool one_click_unsubscribe(const struct web_request *r)
{
    return r->route->roles == 0 && strcmp(r->route->pattern, "/unsubscribe") == 0;
}

void web_dispatch(struct web_request *r)
{
    if (!r->route) {
        if (r->status == 405)
            web_error(r, 405, "This address does not take that method.");
        else
            web_error(r, 404, "There is no such page.");
        return;
    }
    const struct web_route *rt = r->route;
    if (rt->roles) {
        if (!r->logged_in) {
            if (r->api)
                web_error(r, 401, "Send a valid API token: Authorization: Bearer TOKEN.");
            else if (r->method == WEB_GET)
                web_redirect(r, "/login");
            else
                web_error(r, 403, "Your session has ended. Log in again.");
            return;
        }
        if (!(rt->roles & (int)r->user.role)) {
            web_error(r, 403, "You do not have access to this page.");
            return;
        }
    }
    if ((!r->api || r->api_session) && r->method != WEB_GET) {
        if (!origin_ok(r)) {
            web_error(r, 403, "The form came from another site.");
            return;
        }
        if (!csrf_ok(r) && !one_click_unsubscribe(r)) {
            web_error(r, 403, "The form has expired. Go back, reload the page and try again.");
            return;
        }
    }
    if (web_route_objects_check(r) != 0)
        return;
    rt->handler(r);
}

void web_html(struct web_request *r, int status, struct html *page)
{
    r->status = status;
    r->content_type_out = "text/html; charset=utf-8";
    sb_free(&r->body);
    r->body = page->sb;
    memset(&page->sb, 0, sizeof page->sb);
}

void web_json(struct web_request *r, int status, json_t *value)
{
    r->status = status;
    r->content_type_out = "application/json";
    sb_reset(&r->body);
    char *text = value ? json_dumps(value, JSON_COMPACT) : NULL;
    if (text) {
        sb_append(&r->body, text);
        sb_append_char(&r->body, '\n');
        free(text);
    } else {
        r->status = 500;
        sb_append(&r->body, "{\"error\":\"out of memory\"}\n");
    }
    json_decref(value);
}

void web_redirect(struct web_request *r, const char *location)
{
    r->status = 303;
    free(r->location);
    r->location = str_printf("%s", location);
    r->content_type_out = "text/plain; charset=utf-8";
    sb_reset(&r->body);
    sb_append(&r->body, "See Other\n");
}

struct html_viewer web_viewer(const struct web_request *r)
{
    struct html_viewer v = {NULL, NULL, NULL};
    if (r->logged_in) {
        v.name = r->user.name;
        v.role = user_role_name(r->user.role);
        v.csrf = r->csrf;
    }
    return v;
}

void web_error(struct web_request *r, int status, const char *message)
{
    if (r->api) {
        web_json(r, status, json_pack("{ss}", "error", message));
        return;
    }
    static const struct {
        int status;
        const char *title;
    } titles[] = {{400, "Bad request"},    {401, "Log in"},
                  {403, "Forbidden"},      {404, "Not found"},
                  {405, "Not allowed"},    {413, "Too large"},
                  {429, "Too many tries"}, {500, "Something went wrong"}};
    const char *title = "Error";
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (titles[i].status == status)
            title = titles[i].title;
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page, title, &v);
    html_notice(&page, true, message);
    H(&page, "<p><a href=\"/\">Back to the start</a></p>\n");
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}
