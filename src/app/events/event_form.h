/* A new mixer event as a person types it (web form) or sends it (JSON API): reading and checking
 * every field, each problem in people's words under the field's name, so that the page can show
 * it next to the field and keep what was typed. */
#ifndef SETWORK_APP_EVENTS_EVENT_FORM_H
#define SETWORK_APP_EVENTS_EVENT_FORM_H

#include "core/diag.h"
#include "store/db.h"
#include "store/store_events.h"

/* The longest place and the longest round accepted. */
#define EVENT_PLACE_MAX         200
#define EVENT_ROUND_MINUTES_MAX 600

/* The fields, by name: name; group_size ("4", or a range "4-5"); rounds; starts (local date
 * and time of round 1, "YYYY-MM-DDTHH:MM", optional); tz (IANA zone of starts); round_minutes
 * (optional); place (optional); mix_by (a column of the cohort, "" none); apart_plan (a plan
 * id of the programme, "" none); apart_event (an earlier event id of the programme, "" none).
 * GET returns the value of field NAME, or NULL when it was not sent. */
typedef const char *(*event_field_fn)(void *ctx, const char *name);

/* Reads the fields through GET into EV (zeroed first) for PROGRAMME_ID, seed 1. Every problem
 * goes into PROBLEMS with its field name. Returns 0 when the event can be created, 1 when
 * PROBLEMS has something to fix, -1 on a database error or out of memory. */
int event_form_read(struct db *db, long long programme_id, event_field_fn get, void *ctx,
                    struct store_event *ev, struct diag_list *problems);

/* Reads "People per table" as typed: "4", or a range "4-5". 0 with *MIN (0 for a single number)
 * and *MAX; -1 when it is neither. */
int event_sizes_parse(const char *text, int *min, int *max);

#endif
