/* Set plans in the store: saving a formed plan with its sets and members, the pairs who shared
 * a set in earlier plans, the rules a programme lead declared, and the sets a user may see. */
#ifndef SETWORK_STORE_STORE_SETS_H
#define SETWORK_STORE_STORE_SETS_H

#include "store/db.h"
#include "store/store_accounts.h"
#include "store/store_people.h"

#include <stdbool.h>
#include <stddef.h>

/* A plan to save: N people (store ids) each in set GROUP[i] of M sets named SET_NAMES. */
struct store_plan {
    long long programme_id;
    const char *name;
    double objective;
    const double *upper_bound; /* NULL when there is none */
    const char *settings_json;
    int m;
    const char *const *set_names;
    int n;
    const long long *person_ids;
    const int *group;
};

/* Saves PLAN in one transaction. Returns 0 and sets *PLAN_ID; 1 when the programme already has
 * a plan of that name; -1 on a database error with a message in *ERR (caller frees). */
int store_plan_save(struct db *db, const struct store_plan *plan, long long *plan_id, char **err);

/* Two people who shared a set in an earlier plan; AGE 0 for the newest plan, 1 the one before. */
struct store_shared_pair {
    long long a, b;
    int age;
};

/* Every pair who shared a set in a plan of programme PROGRAMME_ID older than plan BEFORE (0:
 * every plan, so a plan is never its own history), newest plans first. Returns 0 with *OUT
 * (caller frees) and *COUNT, or -1 with a message in *ERR (caller frees). */
int store_shared_pairs_before(struct db *db, long long programme_id, long long before,
                              struct store_shared_pair **out, size_t *count, char **err);

/* A rule of a programme: kind "apart", "together" (with person B) or "pin" (with SET_NAME). */
struct store_rule {
    char kind[12];
    long long a, b;
    char *set_name; /* NULL unless a pin */
};

/* The programme's rules. Returns 0 with *OUT (free with store_rules_free) and *COUNT, or -1 with
 * a message in *ERR (caller frees). */
int store_rules_load(struct db *db, long long programme_id, struct store_rule **out, size_t *count,
                     char **err);
void store_rules_free(struct store_rule *rules, size_t count);

/* A set as a viewer sees it. Strings owned by the struct. */
struct store_set_view {
    long long id;
    char *name, *programme;
    long long programme_id;
    char *plan, *status; /* the plan's name and "draft" or "published" */
    char *facilitator;   /* "" when none */
    long long members;   /* how many */
    char *role;          /* store_my_sets only: "facilitator" or "member"; else NULL */
};
/* Frees what S holds (not S) and zeroes it. */
void store_set_view_free(struct store_set_view *s);
void store_set_views_free(struct store_set_view *list, size_t count);

/* USER's sets: those they are a member of in published plans and those they facilitate, by
 * programme and position: 0 with *OUT (free with store_set_views_free) and *COUNT, or -1 with
 * *OUT NULL and *COUNT 0. */
int store_my_sets(struct db *db, const struct user *user, struct store_set_view **out,
                  size_t *count);

/* Set ID when USER may see it (admins; its facilitator; its members once the plan is
 * published): 0 with *OUT (free with store_set_view_free), 1 not visible, -1 on error (*OUT then
 * holds nothing to free). Its members come from store_set_member_briefs. */
int store_set_visible(struct db *db, const struct user *user, long long id,
                      struct store_set_view *out);

/* One set of a plan with its members (emails shown). */
struct store_newest_set {
    long long id;
    char *name, *facilitator; /* facilitator "" when none */
    struct store_person_brief *members;
    size_t member_count;
};

/* The newest plan of a programme with its sets; HAS_PLAN false (and the rest empty) when the
 * programme has none. */
struct store_newest_plan {
    bool has_plan;
    char *plan, *status;
    struct store_newest_set *sets;
    size_t set_count;
};

/* The sets of the newest plan of programme ID with their members, by position (admins only; the
 * route checks). 0 with *OUT (free with store_newest_plan_free), -1 on error (*OUT then holds
 * nothing to free). */
int store_newest_plan(struct db *db, long long programme_id, struct store_newest_plan *out);
/* Frees what P holds (not P) and zeroes it. */
void store_newest_plan_free(struct store_newest_plan *p);

/* --- Membership over time (migration 0011) -------------------------------------------------- */

/* SQL (for the store's statements only): person PERSON was a member of set SET at time AT
 * (column expressions). A set that was never published counts its current members. */
#define STORE_MEMBER_AT(set, person, at)                                                           \
    "(EXISTS (SELECT 1 FROM set_membership h WHERE h.set_id = " set " AND h.person_id = " person   \
    " AND h.joined_at <= " at " AND (h.left_at IS NULL OR " at " < h.left_at))"                    \
    " OR (NOT EXISTS (SELECT 1 FROM set_membership h WHERE h.set_id = " set ")"                    \
    " AND EXISTS (SELECT 1 FROM set_members sm WHERE sm.set_id = " set                             \
    " AND sm.person_id = " person ")))"

/* Makes the history of programme PROGRAMME_ID's sets agree with its published plan at time AT
 * (UTC "YYYY-MM-DDTHH:MM:SSZ"; NULL: now): whoever is no longer in a published set leaves it at AT;
 * whoever is newly in one joins at AT, or from the set's beginning when the set never had
 * members before (its first publishing). Nothing is deleted. Run it inside the transaction
 * that changed the plan. 0 or -1. */
int store_membership_sync(struct db *db, long long programme_id, const char *at);

/* Where a person is now: their open stint in a published set of the programme. */
struct store_place {
    long long person_id, set_id, plan_id;
    char *person, *email, *set_name, *plan_name; /* owned */
};
void store_places_free(struct store_place *list, size_t count);

/* Every open stint of programme PROGRAMME_ID, by person id: 0 with *OUT (free with
 * store_places_free) and *COUNT, or -1 with *OUT NULL. */
int store_places(struct db *db, long long programme_id, struct store_place **out, size_t *count);

/* Someone who was in a set and is not now: when they last left it. */
struct store_former_member {
    long long person_id;
    char *name;       /* owned */
    char left_on[11]; /* "YYYY-MM-DD", UTC */
};
void store_former_members_free(struct store_former_member *list, size_t count);

/* The people who left set SET_ID at or before AT (UTC "YYYY-MM-DDTHH:MM:SSZ"; NULL: now) and
 * are not members at AT, by name, with the day they last left: 0 with *OUT (free with
 * store_former_members_free) and *COUNT, or -1 with *OUT NULL. A move that takes effect after
 * AT leaves the person a member until then. */
int store_set_former_members(struct db *db, long long set_id, const char *at,
                             struct store_former_member **out, size_t *count);

/* Records that PERSON_ID was moved by hand into SET_ID of PLAN_ID (replacing an earlier pin of
 * theirs in that plan): re-optimising keeps them there. 0 or -1. */
int store_plan_pin(struct db *db, long long plan_id, long long person_id, long long set_id);

/* The hand-made pins of PLAN_ID: *PERSON_IDS and *SET_IDS (caller frees both), *COUNT. 0, or
 * -1 with both NULL. */
int store_plan_pins(struct db *db, long long plan_id, long long **person_ids, long long **set_ids,
                    size_t *count);

/* The sets of PLAN_ID that have met: a meeting not cancelled that started before AT. *SET_IDS
 * (caller frees) and *COUNT; 0, or -1 with *SET_IDS NULL. */
int store_plan_sets_met(struct db *db, long long plan_id, const char *at, long long **set_ids,
                        size_t *count);

/* A notice to a member about their set: what it says and when it was made. */
struct store_notice {
    long long id;
    char *body, *created_at; /* owned */
};
void store_notices_free(struct store_notice *list, size_t count);

/* Stores a notice BODY for PERSON_ID in PROGRAMME_ID (mailed_at stays NULL for the mail work).
 * 0 or -1. */
int store_notice_add(struct db *db, long long person_id, long long programme_id, const char *body);

/* PERSON_ID's newest notices, at most LIMIT: 0 with *OUT (free with store_notices_free) and
 * *COUNT, or -1 with *OUT NULL. */
int store_notices_for(struct db *db, long long person_id, int limit, struct store_notice **out,
                      size_t *count);

#endif
