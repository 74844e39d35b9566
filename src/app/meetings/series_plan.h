/* Scheduling a meeting series as a service: reading and checking the fields a person typed (web
 * form) or sent (JSON API), the preview of the dates computed by engine/meetings/series.h, and
 * the all-or-nothing write for one set or every set of the programme's published plan. The
 * schedule page and POST /api/v1/.../series share it, so they refuse the same input with the
 * same messages, each naming its field. */
#ifndef SETWORK_APP_MEETINGS_SERIES_PLAN_H
#define SETWORK_APP_MEETINGS_SERIES_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "engine/meetings/series.h"
#include "store/db.h"
#include "store/store_meeting_series.h"

/* The longest time zone name accepted (IANA names are far shorter). */
#define SERIES_TZ_MAX 64
/* The longest meeting: a full day, as for the CLI. */
#define SERIES_MAX_DURATION_MIN (24 * 60)
/* The zone when none is given and the programme has no series yet. */
#define SERIES_DEFAULT_TZ "Europe/London"

/* The fields, by name: set ("all" or a set id), skip_scheduled ("1", "on" or "true": with
 * set "all", leave out the sets that already have meetings instead of refusing), count, first
 * ("YYYY-MM-DDTHH:MM"), every_weeks, every ("Nw" or "monthly", as the command line's --every
 * and meeting_series.rule spell it; when given, it replaces every_weeks), duration ("3h", "90m",
 * "2h30m"), tz, mode ("in_person" or "online"), location, link. GET returns the value of field
 * NAME, or NULL when it was not sent. */
typedef const char *(*series_field_fn)(void *ctx, const char *name);

struct series_plan {
    long long programme_id;
    long long set_id;               /* 0: every set of the published plan */
    int count, weeks, duration_min; /* weeks: 0 for a monthly series */
    struct meet_rule rule;
    struct meet_local first;
    char tz[SERIES_TZ_MAX + 1];
    bool online;
    char *place; /* the location (in person) or link (online); owned */
    struct series_set *sets;
    size_t nsets; /* every set of the published plan */
    long long *chosen;
    size_t nchosen;      /* the sets the series is for */
    bool skip_scheduled; /* sets with meetings were left out, not refused */
    size_t nskipped;     /* how many were left out */
    struct meet_local local[MEET_SERIES_MAX];
    int64_t starts[MEET_SERIES_MAX];             /* UTC */
    enum meet_local_kind kinds[MEET_SERIES_MAX]; /* local[i] in tz: once, in a gap, twice */
    size_t nshifted; /* meetings whose local time fell in a gap or occurred twice */
};

/* The programme's zone: that of its newest series, else SERIES_DEFAULT_TZ, into OUT. */
void series_default_tz(struct db *db, long long programme_id, char out[SERIES_TZ_MAX + 1]);

/* Reads the fields through GET into P (zeroed first) for PROGRAMME_ID, checks each, and computes
 * the dates. Every problem goes into PROBLEMS with its field name. Returns 0 when the plan can
 * be saved, 1 when there are problems, -1 on a database error or out of memory. Free P with
 * series_plan_free in every case. */
int series_plan_read(struct db *db, long long programme_id, series_field_fn get, void *ctx,
                     struct series_plan *p, struct diag_list *problems);

/* Saves a plan that series_plan_read accepted: one series per chosen set, in one transaction.
 * Returns 0, 1 when a set has gained meetings meanwhile (a problem naming it is added and
 * nothing is written), -1 on a database error. */
int series_plan_save(struct db *db, const struct series_plan *p, struct diag_list *problems);

/* The name of the set with id ID among P's sets ("" when unknown); owned by P. */
/* Adds to WARNINGS (field "first") a sentence when meetings of P would start in the past
 * (they would count as held at once), and one sentence per meeting of P whose local time does not
 * exist in its zone (moved forward by the gap) or occurs twice (the first is used), naming the
 * time, the zone and what is stored (engine/meetings/when.h's meet_tz_note). 0, or -1 out of
 * memory. */
int series_plan_warnings(const struct series_plan *p, struct diag_list *warnings);

const char *series_plan_set_name(const struct series_plan *p, long long id);

void series_plan_free(struct series_plan *p);

/* Parses "3h", "90m" or "2h30m" into minutes (1..SERIES_MAX_DURATION_MIN). 0 or -1. */
int series_duration_parse(const char *text, int *minutes);

#endif
