/* The web application's shared shapes: a request as pages see it, the response they build,
 * and the route table (web/routes.c) that decides who may reach which handler. */
#ifndef SETWORK_WEB_HTTP_WEB_H
#define SETWORK_WEB_HTTP_WEB_H

#include "core/status.h"
#include "core/strbuf.h"
#include "store/store_accounts.h"
#include "web/http/auth.h"
#include "web/http/formdata.h"
#include "web/http/html.h"

#include <jansson.h>
#include <stdbool.h>

struct db;

enum web_method { WEB_GET = 1, WEB_POST = 2 };

/* Server settings, shared read-only by every worker. */
struct mail_config;

struct web_config {
    const char *db_path;
    long session_idle; /* seconds a session may sit unused */
    long session_max;  /* seconds a session may live at all */
    char origin[128];  /* "http://host:port" as printed; the Origin check accepts this */
    int port;
    const struct mail_config *mail; /* where mail goes; NULL or not enabled: links are shown */
    /* Service settings (web/http/tls.h, request_log.h, metrics.h); NULL or empty when unset. */
    const char *tls_cert, *tls_key; /* PEM files: both set means HTTPS on the listener */
    const char *public_url;         /* https:// here means Secure cookies and HSTS */
    const char *metrics_token;      /* lets other hosts than loopback read /metrics */
    bool https;                     /* set by web_server_start: TLS, or an https:// public_url */
    bool quiet;                     /* no request log on stderr */
};

/* Bodies larger than these are refused before they are read: smaller before logging in. */
#define WEB_MAX_BODY_ANON (16 * 1024)
#define WEB_MAX_BODY      (FORMDATA_MAX_FILE + 64 * 1024)
/* The largest JSON body an API handler parses (web_json_body); every JSON body the API takes is
 * a few fields, so a megabyte is generous and bounds what jansson allocates. */
#define WEB_JSON_BODY_MAX (1024 * 1024)
/* Path segments we look at; longer paths are 404. */
#define WEB_MAX_PATH 512
/* API token names. */
#define WEB_TOKEN_NAME_MAX 100
/* People rows shown on one programme page. */
#define WEB_PEOPLE_PAGE 500

struct web_request {
    const struct web_config *config;
    struct db *db;
    enum web_method method;
    const char *path;
    long long ids[2]; /* the numbers in the path, in order ('#' in a route pattern) */
    struct formdata query;
    struct formdata form; /* the urlencoded or multipart body */
    const char *content_type;
    const char *address;           /* client IP as text */
    const char *origin_header;     /* NULL when the browser sent none */
    const char *cookie_token;      /* the session cookie, NULL when none */
    const char *pre_token;         /* the pre-login CSRF cookie, NULL when none */
    const char *bearer;            /* the API token from Authorization: Bearer, NULL when none */
    const struct web_route *route; /* set by web_begin; NULL when nothing matched */
    long long now;
    bool logged_in;
    bool api;
    struct user user;
    char csrf[AUTH_TOKEN_SIZE];

    /* The response. */
    int status;
    const char *content_type_out;
    struct strbuf body;
    char *location;   /* for redirects */
    char *set_cookie; /* a Set-Cookie value */
    bool cacheable;   /* static assets */
    size_t sent;      /* body bytes queued, for the request log */
};

/* A route: METHODS, a PATTERN where '#' matches a positive integer segment, the ROLES (bits of
 * enum user_role) allowed, 0 meaning no login needed; API routes use Bearer tokens instead of
 * cookies and need no CSRF token. */
typedef void (*web_handler)(struct web_request *r);
struct web_route {
    int methods;
    const char *pattern;
    int roles;
    bool api;
    web_handler handler;
};

#define ROLES_ALL (ROLE_ADMIN | ROLE_FACILITATOR | ROLE_PARTICIPANT)

extern const struct web_route web_routes[];

/* Called when the request line and headers are in: finds the route and who is asking (a
 * session or an API token). Returns the largest body to accept. */
size_t web_begin(struct web_request *r);

/* Runs R through the route table: matching, authentication, role and CSRF/Origin checks, then
 * the handler. Fills R's response in every case. */
void web_dispatch(struct web_request *r);

/* Before a handler runs: the programme a route's path names (/programmes/#..., the API's too)
 * must exist and be visible to R's user, else R gets 404 and this returns -1; 0 to go on. */
int web_route_objects_check(struct web_request *r);

/* Response helpers for handlers. */
void web_html(struct web_request *r, int status, struct html *page); /* takes PAGE's text */
void web_json(struct web_request *r, int status, json_t *value);     /* steals VALUE */
void web_redirect(struct web_request *r, const char *location);      /* 303 See Other */
/* A plain error page (HTML) or {"error": MESSAGE} (API). */
void web_error(struct web_request *r, int status, const char *message);

/* R's body as a JSON object (caller decrefs); NULL after answering 413 when it is larger than
 * WEB_JSON_BODY_MAX, or 400 with SHAPE (NULL: "Send a JSON object as the body.") when it is
 * not a JSON object. */
json_t *web_json_body(struct web_request *r, const char *shape);

/* The HTTP status for a use case's ST: 200, 422 (400 when MALFORMED: a value is missing or not
 * an accepted form), 403, 404, 409, 500. MALFORMED matters only with STATUS_INVALID. */
int web_status_code(enum status st, bool malformed);

/* The viewer of R for the layout. */
struct html_viewer web_viewer(const struct web_request *r);

/* NULL when the fields of a new programme are good, else what to fix (static text). */
const char *web_programme_problem(const char *name, const char *description, const char *starts_on,
                                  const char *ends_on);

struct import_report;
struct diag_list;
/* Parses DATA as a cohort CSV named FILENAME and imports it into PROGRAMME, as the CLI does.
 * Returns 0 with REPORT filled, 1 with DIAGS filled and nothing stored, -1 on error. */
int web_import_cohort(struct db *db, const char *programme, const char *filename, const char *data,
                      size_t len, struct import_report *report, struct diag_list *diags);
/* As web_import_cohort for any table file (CSV of any delimiter and encoding, or sheet SHEET
 * of an .xlsx workbook, NULL: the first); SRC says how it was read (sheet_source_free it). */
struct sheet_source;
int web_import_cohort_file(struct db *db, const char *programme, const char *filename,
                           const char *data, size_t len, const char *sheet,
                           struct sheet_source *src, struct import_report *report,
                           struct diag_list *diags);

/* Creates the account for EMAIL with ROLE (names as in user_role_parse) and a one-time
 * password link TOKEN. 0; 1 with *PROBLEM (static text) for the user; -1 on error. */
int web_invite(struct web_request *r, const char *email, const char *role_name,
               char token[AUTH_TOKEN_SIZE], const char **problem);

/* Saves name, organisation and known attributes of person ID from F (fields absent from F stay
 * as they are) in one transaction. NULL on success, else what to fix (static text). */
const char *web_person_save(struct web_request *r, long long id, const struct formdata *f);

/* Handlers, one file per page group. */
void page_login_form(struct web_request *r);
void page_login(struct web_request *r);
void page_logout(struct web_request *r);
void page_logout_everywhere(struct web_request *r);
void page_invitation_form(struct web_request *r);
void page_invitation(struct web_request *r);
void page_home(struct web_request *r);
void page_programme(struct web_request *r);
void page_programme_new(struct web_request *r);
void page_programme_edit_form(struct web_request *r);
void page_programme_edit(struct web_request *r);
void page_programme_create(struct web_request *r);
void page_upload_form(struct web_request *r);
void page_upload(struct web_request *r);
void page_person(struct web_request *r);
void page_person_edit_form(struct web_request *r);
void page_person_edit(struct web_request *r);
void page_set(struct web_request *r);
void page_sets_export_csv(struct web_request *r);
void page_sets_print(struct web_request *r);
void page_account(struct web_request *r);
void page_token_create(struct web_request *r);
void page_token_delete(struct web_request *r);
void page_users(struct web_request *r);
void page_user_invite(struct web_request *r);
void page_users_invite_all(struct web_request *r);
void page_user_role(struct web_request *r);
void page_user_disable(struct web_request *r);
void page_password_change(struct web_request *r);
void page_reset_form(struct web_request *r);
void page_reset(struct web_request *r);
void page_static(struct web_request *r);
void page_favicon(struct web_request *r);
void page_report(struct web_request *r);
void page_report_pdf(struct web_request *r); /* the same report as a PDF download */
/* Writes the meetings of SET_ID (which R's viewer may see) as a section of PAGE. */
void web_set_meetings(struct web_request *r, struct html *page, long long set_id);
void page_my_meetings(struct web_request *r);
void page_my_challenges(struct web_request *r);
void page_challenge_save(struct web_request *r);
void page_my_survey(struct web_request *r);
void page_survey_submit(struct web_request *r);
/* Writes a "What is next" section (the viewer's next meeting and links) into PAGE. */
void web_next_meeting(struct web_request *r, struct html *page);
void page_meeting(struct web_request *r);
void page_meeting_ics(struct web_request *r);
/* page_calendar.c: answers R with MS[0..N) as an iCalendar text (NAME: the calendar's name,
 * NULL for none), or 500. */
struct meeting;
void web_send_ics(struct web_request *r, const struct meeting *ms, size_t n, const char *name);
void page_presentation_questions(struct web_request *r);
void page_meeting_question(struct web_request *r);
void page_question_mark(struct web_request *r);
void page_meeting_attendance(struct web_request *r);
void page_meeting_rule(struct web_request *r);
void page_meeting_handover(struct web_request *r);
void page_meeting_move(struct web_request *r);
void page_meeting_cancel(struct web_request *r);
/* page_meeting_timer.c: the timer section of the meeting page (M already passed the
 * content check), and its Start/Pause/Next and add-presenter POSTs. */
struct meeting;
struct meet_timer;
void web_meeting_timer(struct web_request *r, struct html *page, const struct meeting *m);
void page_meeting_timer(struct web_request *r);
void page_meeting_presenter(struct web_request *r);
/* page_series.c: scheduling a series for one set or every set (admins). */
void page_series_form(struct web_request *r);
void page_series_schedule(struct web_request *r);
/* page_meeting_timer.c: the timer of meeting M as stored, or fresh over its presenters (1);
 * 0 when stored, -1 when there are no presenters or on error. */
int web_meeting_timer_load(struct db *db, const struct meeting *m, struct meet_timer *t);
void page_journal(struct web_request *r);
void page_journal_add(struct web_request *r);
void page_journal_edit(struct web_request *r);
void page_journal_delete(struct web_request *r);
void page_calendar_settings(struct web_request *r);
void page_calendar_new(struct web_request *r);
void page_calendar_feed(struct web_request *r);

void api_me(struct web_request *r);
void api_programmes(struct web_request *r);
void api_programme(struct web_request *r);
void api_programme_create(struct web_request *r);
void api_programme_update(struct web_request *r);
void api_people(struct web_request *r);
void api_person(struct web_request *r);
void api_person_update(struct web_request *r);
void api_my_sets(struct web_request *r);
void api_set(struct web_request *r);
void api_programme_sets(struct web_request *r);
void api_import(struct web_request *r);
void api_tokens(struct web_request *r);
void api_token_create(struct web_request *r);
void api_token_delete(struct web_request *r);
void api_my_meetings(struct web_request *r);
void api_meeting(struct web_request *r);
void api_meeting_question(struct web_request *r);
void api_meeting_cancel(struct web_request *r);
/* api_series.c and api_meeting_timer.c */
void api_programme_series(struct web_request *r);
void api_set_series(struct web_request *r);
void api_meeting_timer_get(struct web_request *r);
void api_meeting_timer_post(struct web_request *r);
void api_meeting_presenter(struct web_request *r);
void api_meeting_move(struct web_request *r);
void api_meeting_attendance(struct web_request *r);
void api_users(struct web_request *r);
void api_user_invite(struct web_request *r);
void api_report(struct web_request *r);

#endif
