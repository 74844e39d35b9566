/* Mixer events in the web app (issue 4): the shared loading and planning behind the HTML pages
 * (page_events*.c) and the JSON API (api_events.c). */
#ifndef SETWORK_WEB_PAGES_PAGE_EVENTS_H
#define SETWORK_WEB_PAGES_PAGE_EVENTS_H

#include "app/events/event_rules.h"
#include "store/store_events.h"
#include "web/http/web.h"

/* An event with its people and schedule, as pages show it. */
struct event_view {
    struct store_event ev;
    int n;
    long long *ids; /* the programme's members, by id */
    char **names;   /* their names, same order */
    int *table;     /* rounds*n, 0-based table or -1 */
    unsigned char *absent;
    struct event_rules rules; /* mixing, set-mates apart, earlier tables */
    char rules_problem[256];  /* "" or why a rule no longer applies (planning refuses) */
};

/* Loads event ID. 0; 1 when there is none; -1 on error. Free with event_view_free. */
int event_view_load(struct db *db, long long id, struct event_view *v);
void event_view_free(struct event_view *v);

/* The proven lower bound on repeats for V's event as it was planned (its absences and locked
 * rounds): >= 0, or -1 when none is known. */
long event_least_repeats(const struct event_view *v);

/* Plans the rounds of event ID that are not locked (all of them the first time), seating
 * nobody absent, and saves the schedule. 0; 1 with a message for the user in ERR; -1 on
 * error. */
int event_plan(struct db *db, long long id, char *err, size_t errlen);

/* Checks and applies an absence / lock change from the user: 0, 1 with a message in ERR, -1. */
int event_mark_absent(struct db *db, long long id, long long person_id, int round, bool absent,
                      char *err, size_t errlen);
int event_set_locked(struct db *db, long long id, int locked_rounds, char *err, size_t errlen);

/* When round R (0-based) of V starts and ends, as "14:20-14:40" (ends left out when the length
 * of a round is not known) in the event's zone, into BUF (SIZE bytes, 32 is enough); "" when
 * the event has no time. */
void event_round_time(const struct event_view *v, int r, char *buf, size_t size);

/* When the event is, "Tue 12 Jan 2027, 14:00-16:00 GMT", into BUF (MEET_WHEN_MAX bytes); ""
 * when no time was given. */
void event_when(const struct store_event *e, char *buf, size_t size);

/* The event as JSON: figures and rounds of tables of {id, name} (caller owns). */
json_t *event_view_json(const struct event_view *v);

/* The name of person I. */
const char *event_person_name(const struct event_view *v, int i);

void page_events(struct web_request *r);
void page_event_create(struct web_request *r);
void page_event(struct web_request *r);
void page_event_generate(struct web_request *r);
void page_event_absent(struct web_request *r);
void page_event_lock(struct web_request *r);
void page_event_print(struct web_request *r);
void page_event_csv(struct web_request *r);
void page_event_mine(struct web_request *r);
void api_events(struct web_request *r);
void api_event_create(struct web_request *r);
void api_event(struct web_request *r);
void api_event_generate(struct web_request *r);
void api_event_absent(struct web_request *r);
void api_event_lock(struct web_request *r);

#endif
