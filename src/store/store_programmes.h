/* Programmes in the store: the one file that reads and writes the programmes table (creating,
 * finding, listing, renaming, and each programme's settings), with who may see which programme
 * built into the visible-programme queries (web/http/routes.c holds the route-level half). */
#ifndef SETWORK_STORE_STORE_PROGRAMMES_H
#define SETWORK_STORE_STORE_PROGRAMMES_H

#include "store/db.h"
#include "store/store_accounts.h"

#include <stddef.h>

/* Finds the programme named NAME (case-insensitive). Returns 0 and sets *ID when found, 1 when
 * there is none, -1 on a database error. */
int store_programme_id(struct db *db, const char *name, long long *id);

/* Creates the programme NAME if it does not exist; returns 0 and sets *ID, -1 on error. */
int store_programme_ensure(struct db *db, const char *name, long long *id);

/* Creates a programme: 0 and *ID, 1 when the name is taken, -1 on error. */
int store_programme_create(struct db *db, const char *name, const char *description,
                           const char *starts_on, const char *ends_on, long long *id);

/* Updates programme ID (set sizes SIZE_MIN..SIZE_MAX people): 0, 1 when the name is taken by
 * another programme (or ID is absent), -1 on error. */
int store_programme_update(struct db *db, long long id, const char *name, const char *description,
                           const char *starts_on, const char *ends_on, long size_min,
                           long size_max);

struct programme_summary {
    long long id;
    char *name;
    long members;
    char *created_at;
    long sets;   /* sets of its published plan */
    char *state; /* "draft", "sets published", "running" or "finished" */
};

/* Lists programmes by name into *OUT (caller frees with programme_summaries_free). 0 or -1. */
int store_programmes_list(struct db *db, struct programme_summary **out, size_t *count);
void programme_summaries_free(struct programme_summary *list, size_t count);

/* A programme as a user sees it. Strings owned by the struct. */
struct store_programme {
    long long id;
    char *name, *description;
    char *starts_on, *ends_on; /* NULL when unset */
    long long set_size_min, set_size_max;
    char *weights; /* the stored default formation weights, "" for the engine's defaults */
    long long members, sets; /* sets: of the published plan only */
    char *state; /* "draft", "sets published", "running" (a published set has met) or "finished" */
};

/* Programmes USER may see (admins: all; others: those they are a member of or facilitate a set
 * in), by name: 0 with *OUT (free with store_programme_list_free) and *COUNT, or -1 with *OUT
 * NULL and *COUNT 0. */
int store_programmes_visible(struct db *db, const struct user *user, struct store_programme **out,
                             size_t *count);
void store_programme_list_free(struct store_programme *list, size_t count);

/* Programme ID when USER may see it: 0 and *OUT (free with store_programme_free), 1 not visible
 * or absent, -1 on error (*OUT then holds nothing to free). */
int store_programme_visible(struct db *db, const struct user *user, long long id,
                            struct store_programme *out);
/* Frees what P holds (not P) and zeroes it. */
void store_programme_free(struct store_programme *p);

/* Stores the programme's default set formation weights ("organisation=3,department=2,..."; ""
 * for the engine's defaults). 0 or -1. */
int store_programme_set_weights(struct db *db, long long id, const char *weights);

/* The programme's default formation weights: 0 with *OUT (caller frees; NULL when blank),
 * 1 when there is no such programme, -1 on error. */
int store_programme_weights(struct db *db, long long programme_id, char **out);

/* Sets the programme's meeting quorum (0: none). 0 or -1. */
int store_programme_set_quorum(struct db *db, long long programme_id, int quorum);

/* A programme's settings for themes and the connectedness report. */
struct theme_settings {
    char language[32];
    long min_people;  /* K: smallest theme anyone is told about */
    double threshold; /* clustering similarity threshold */
    long min_paired;  /* M: smallest paired sample for a connectedness change */
};

/* Loads the settings. 0 or -1 (also when there is no such programme). */
int store_theme_settings(struct db *db, long long programme_id, struct theme_settings *out);
/* Saves them. 0 or -1. */
int store_theme_settings_save(struct db *db, long long programme_id,
                              const struct theme_settings *s);

/* The programme's pulse-survey window (pulse_window_days) and dates: *DAYS, and STARTS_ON and
 * ENDS_ON ("YYYY-MM-DD", or "" when unset; 11 bytes each). 0, 1 when there is no such
 * programme, -1 on error. */
int store_programme_pulse_window(struct db *db, long long programme_id, int *days,
                                 char starts_on[11], char ends_on[11]);
/* Sets the programme's pulse_window_days (1 to 365). 0, 1 when there is no such programme, -1. */
int store_programme_set_pulse_days(struct db *db, long long programme_id, int days);

#endif
