/* Scheduling a series for one set or every set of a programme's published plan at once, as the
 * web page and the API do: the sets to offer, and the all-or-nothing write. */
#ifndef SETWORK_STORE_STORE_MEETING_SERIES_H
#define SETWORK_STORE_STORE_MEETING_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* A set of the published plan and how many meetings it has that are not cancelled. */
struct series_set {
    long long id;
    char *name;
    int scheduled;
};
void series_sets_free(struct series_set *list, size_t count);

/* The sets of PROGRAMME_ID's newest published plan, in plan order, into *OUT (caller frees
 * with series_sets_free; *COUNT 0 when the programme has no published plan). 0 or -1. */
int store_series_sets(struct db *db, long long programme_id, struct series_set **out,
                      size_t *count);

/* The zone of PROGRAMME_ID's newest series into OUT (SIZE bytes): 0, 1 when the programme has
 * none yet (or the name does not fit), -1 on error. */
int store_series_last_tz(struct db *db, long long programme_id, char *out, size_t size);

/* The zone a person's own dates are shown in: that of the newest series of any programme
 * PERSON_ID belongs to, into OUT (SIZE bytes). 0, 1 when there is none, -1 on error. */
int store_series_person_tz(struct db *db, long long person_id, char *out, size_t size);

/* Creates one series of COUNT meetings (starting at STARTS[i], UTC, DURATION_MIN long, in
 * TZID, at LOCATION or LINK, either may be NULL) for each of SET_IDS, all in one transaction.
 * A set that already has meetings that are not cancelled is refused, so that no meeting and
 * none of its records is lost or doubled: the whole write is rolled back and *BUSY_SET names
 * it. Returns 0, 1 (refused, nothing written) or -1 on a database error. */
int store_series_create_many(struct db *db, const long long *set_ids, size_t nsets,
                             const char *rule, const char *tzid, int duration_min, int count,
                             const int64_t *starts, const char *location, const char *link,
                             long long *busy_set);

#endif
