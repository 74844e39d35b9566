/* The rules of a mixer event as the rounds engine takes them (issue 15): mixing by a column of
 * the cohort, keeping the members of each set of a plan apart, and counting the table-mates of
 * an earlier event as having met. The web pages and the API build the same request through this
 * file, and the request is the one `setwork rounds --mix COL --apart FILE --history FILE` makes. */
#ifndef SETWORK_APP_EVENTS_EVENT_RULES_H
#define SETWORK_APP_EVENTS_EVENT_RULES_H

#include "store/db.h"
#include "store/store_events.h"

#include <stddef.h>

/* Arrays for struct rounds_request, over the event's people 0..n-1; NULL / 0 when unused. */
struct event_rules {
    int *attr;     /* n categories of the mixing column (-1 blank), for the same_attr count */
    int *mix_cost; /* n*n cost per meeting of each pair, as `setwork rounds --mix` */
    int *apart;    /* pairs {i, j, ...} of set-mates who never share a table (hard) */
    size_t apart_count;
    int *history; /* pairs who shared a table at the earlier event, one entry per meeting */
    size_t history_count;
};

/* Builds the rules of EV for its people IDS (N, by id as store_event_members gives them) into
 * OUT (zeroed first; free with event_rules_free). Returns 0; 1 with a sentence for the
 * organiser in ERR when a rule no longer applies (the column is gone from the cohort, the plan
 * or the earlier event was deleted); -1 on a database error or out of memory. */
int event_rules_build(struct db *db, const struct store_event *ev, const long long *ids, int n,
                      struct event_rules *out, char *err, size_t errlen);

void event_rules_free(struct event_rules *rules);

/* The cost per meeting of two people who share column NAME: set formation's weight for it,
 * doubled (so that gender's 0.5 stays above 0), as `setwork rounds --mix` uses. */
int event_mix_weight(const char *name);

#endif
