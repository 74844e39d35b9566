/* Mixer events in the store (issue 4): an event of a programme, its schedule, absences and
 * locked rounds. Rounds are 0-based in these functions (1-based in the tables and on pages). */
#ifndef SETWORK_STORE_STORE_EVENTS_H
#define SETWORK_STORE_STORE_EVENTS_H

#include "store/db.h"

#include <stdbool.h>
#include <stddef.h>

struct store_event {
    long long id, programme_id;
    char name[201];
    int group_size, rounds, locked_rounds;
    int min_group_size; /* smallest table allowed; 0: group_size, or one fewer to fit */
    long long seed;
    bool generated, perfect;
    long repeat_pairs;
    int max_meetings, bound;
    char method[80];
    /* When and where (migration 0022): STARTS_AT is UTC "YYYY-MM-DDTHH:MM:SSZ" of round 1, ""
     * when not given, shown in TZID; ROUND_MINUTES 0 when not said; PLACE "" when not given. */
    char starts_at[24];
    char tzid[65];
    int round_minutes;
    char place[201];
    /* Rules: a cohort column to spread ("" none), the plan whose set-mates never share a table
     * and the earlier event whose table-mates count as having met (0 none). */
    char mix_by[65];
    long long apart_plan_id, apart_event_id;
    long same_attr; /* meetings of two people who share MIX_BY, as planned */
};

/* Creates event EV (its programme, name, sizes, rounds, seed, when and where and rules; the
 * figures are ignored). 0 with *ID; 1 when the programme has an event of that name; -1. */
int store_event_create(struct db *db, const struct store_event *ev, long long *id);

/* Reads event ID into OUT: 0, 1 when there is none, -1 on error. */
int store_event_get(struct db *db, long long id, struct store_event *out);

/* An event as the list of a programme's events shows it. */
struct store_event_entry {
    long long id;
    char *name; /* owned by the struct */
    int group_size, rounds;
    bool generated;
    int locked_rounds, min_group_size;
    /* When and where, as in struct store_event */
    char starts_at[24];
    char tzid[65];
    int round_minutes;
    char *place; /* owned, "" when not given */
};

/* The events of a programme by id: 0 with *OUT (free with store_event_entries_free) and *COUNT,
 * or -1 with *OUT NULL and *COUNT 0. */
int store_events_list(struct db *db, long long programme_id, struct store_event_entry **out,
                      size_t *count);
void store_event_entries_free(struct store_event_entry *list, size_t count);

/* The generated events in which PERSON_ID has a seat, by id, as store_events_list. 0 or -1. */
int store_events_of_person(struct db *db, long long person_id, struct store_event_entry **out,
                           size_t *count);

/* The programme's members ordered by id: *IDS (caller frees) and *NAMES, their names in the
 * same order (free with store_event_names_free); *N people. 0, or -1 with all three empty. */
int store_event_members(struct db *db, long long programme_id, long long **ids, char ***names,
                        int *n);
void store_event_names_free(char **names, int n);

/* Fills TABLE (rounds*n, person i of IDS in round r at TABLE[r*n+i], 0-based table, -1 none)
 * from the stored schedule. 0 or -1. */
int store_event_seats(struct db *db, const struct store_event *ev, const long long *ids, int n,
                      int *table);

/* Fills ABSENT (rounds*n flags) from the stored absences. 0 or -1. */
int store_event_absences(struct db *db, const struct store_event *ev, const long long *ids, int n,
                         unsigned char *absent);

/* Marks (or, with ABSENT false, clears) PERSON_ID absent from ROUND. 0 or -1. */
int store_event_absence_set(struct db *db, long long event_id, int round, long long person_id,
                            bool absent);

/* Replaces the schedule of EV with TABLE (rounds*n as above) and the figures in EV, in one
 * transaction. 0 or -1. */
int store_event_save(struct db *db, const struct store_event *ev, const long long *ids, int n,
                     const int *table);

/* Sets how many leading rounds are locked. 0 or -1. */
int store_event_lock(struct db *db, long long event_id, int locked_rounds);

#endif
