/* Challenges, themes and their members in the store (a programme's theme settings are in
 * store_programmes.h). These functions return whatever they are asked for; who may see it is
 * decided by engine/themes/privacy.h in the callers (src/challenges/), never here. */
#ifndef SETWORK_STORE_STORE_CHALLENGES_H
#define SETWORK_STORE_STORE_CHALLENGES_H

#include "engine/themes/privacy.h"
#include "store/db.h"

#include <stdint.h>

#include <stdbool.h>
#include <stddef.h>

/* Longest title and body a challenge may have, in bytes. */
#define CHALLENGE_MAX_TITLE 200
#define CHALLENGE_MAX_BODY  4000

struct challenge {
    long long id;
    long long person_id;
    char *email; /* the author's; for their own and their set's views only */
    char *name;  /* likewise */
    char *title;
    char *body;
    enum challenge_visibility visibility;
    bool consent;
    long long theme_id; /* 0: in no theme */
};

/* Creates or updates (by programme, person and title) a challenge. *CREATED is 1 when new.
 * Returns 0 and *ID, or -1 on a database error. */
int store_challenge_put(struct db *db, long long programme_id, long long person_id,
                        const char *title, const char *body, enum challenge_visibility v,
                        bool consent, long long *id, int *created);

/* Loads the programme's challenges ordered by id; with PERSON_ID > 0 only that person's; with
 * COHORT_ONLY only those with visibility 'cohort'. Challenges of people who have left the
 * programme are left out: they no longer count in themes, views or reports. Caller frees with
 * challenges_free. 0 or -1. */
int store_challenges_list(struct db *db, long long programme_id, long long person_id,
                          bool cohort_only, struct challenge **out, size_t *count);
void challenges_free(struct challenge *list, size_t count);

/* The people who share a set with PERSON_ID now, in the programme's most recently published
 * plan (not PERSON_ID), ascending. "Now" is by the membership history: a challenge shared with
 * the set is seen by the writer and whoever is in the writer's set at the time of looking, so a
 * person who leaves a set no longer sees its members' set challenges (earlier or new) and the
 * set's new members do. Caller frees *IDS. 0 or -1. */
int store_set_mates(struct db *db, long long programme_id, long long person_id, long long **ids,
                    size_t *count);

/* True (1) when PERSON_ID is a member of the programme, 0 when not, -1 on error. */
int store_is_member(struct db *db, long long programme_id, long long person_id);

struct theme_row {
    long long id;
    char *label;
    char *auto_label;
    bool renamed;
    bool pinned; /* merged or split by an admin: kept as they left it when themes are found again */
    size_t count;
    long long *challenges; /* member challenge ids, ascending */
};

/* Loads the programme's themes ordered by id with their members. Caller frees with
 * theme_rows_free. 0 or -1. */
int store_themes_list(struct db *db, long long programme_id, struct theme_row **out, size_t *count);
void theme_rows_free(struct theme_row *list, size_t count);
/* Frees what one row owns (not the row itself) and zeroes it. */
void theme_row_clear(struct theme_row *t);

/* Finds theme ID in the programme: 0 and *OUT (free its contents with theme_row_clear), 1 when it
 * is not there, -1 on error. */
int store_theme_get(struct db *db, long long programme_id, long long id, struct theme_row *out);

/* Deletes every theme of the programme. 0 or -1. */
int store_themes_clear(struct db *db, long long programme_id);
/* Inserts a theme with its members (challenge ids). 0 and *ID, or -1. */
int store_theme_insert(struct db *db, long long programme_id, const char *label,
                       const char *auto_label, bool renamed, const long long *challenges,
                       size_t count, long long *id);
/* Deletes one theme (its members become themeless). 0 or -1. */
int store_theme_delete(struct db *db, long long theme_id);
/* Sets the label shown (RENAMED marks an admin's choice, kept when themes are found again). */
int store_theme_set_label(struct db *db, long long theme_id, const char *label, bool renamed);
/* Sets the generated label (kept beside an admin's label). 0 or -1. */
int store_theme_set_auto_label(struct db *db, long long theme_id, const char *auto_label);
/* Deletes the programme's themes that no admin merged or split (not pinned). 0 or -1. */
int store_themes_clear_unpinned(struct db *db, long long programme_id);
/* Marks theme ID as pinned (an admin's merge or split), or not. 0 or -1. */
int store_theme_set_pinned(struct db *db, long long theme_id, bool pinned);
/* Replaces the members of theme ID by CHALLENGES (COUNT ids). 0 or -1. */
int store_theme_members_set(struct db *db, long long theme_id, const long long *challenges,
                            size_t count);
/* Moves the challenges IDS (COUNT of them) into theme INTO, whatever theme they were in. */
int store_theme_move_challenges(struct db *db, long long into, const long long *ids, size_t count);
/* Moves every member of theme FROM into theme INTO. 0 or -1. */
int store_theme_move_members(struct db *db, long long from, long long into);

/* For set formation ("put people with a similar challenge together"): the theme of each member's
 * cohort-visible challenges, as parallel arrays of person and theme ids ordered by person then
 * theme (a person with challenges in two themes appears twice). Only challenges shared with the
 * cohort are in themes, so nothing private leaks into formation. Caller frees both. 0 or -1. */
int store_person_themes(struct db *db, long long programme_id, long long **people,
                        long long **themes, size_t *count);

/* A programme whose challenges changed since its themes were last found. */
struct theme_stale {
    long long programme_id;
    int64_t changed_at; /* Unix seconds of the latest change */
};

/* The programmes whose challenges last changed at or before QUIET_BEFORE (Unix seconds) and
 * whose themes have not been found again since, into *OUT (caller frees) and *COUNT. 0, or -1. */
int store_themes_stale(struct db *db, int64_t quiet_before, struct theme_stale **out,
                       size_t *count);

/* Marks PROGRAMME_ID's themes as found again, unless its challenges changed after CHANGED_AT
 * (then it stays marked for the next pass). 0, or -1 on error. */
int store_themes_fresh(struct db *db, long long programme_id, int64_t changed_at);

#endif
