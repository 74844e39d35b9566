/* People, organisations, attributes and programme memberships in the store, with who may see
 * which person built into the visible-person queries. (The programmes table itself is
 * store_programmes.h's.) */
#ifndef SETWORK_STORE_STORE_PEOPLE_H
#define SETWORK_STORE_STORE_PEOPLE_H

#include "model/cohort.h"
#include "store/db.h"
#include "store/store_accounts.h"
/* store_load_cohort, which reads the same tables, for the callers that load people. */
#include "store/store_cohort.h"

#include <stdbool.h>
#include <stddef.h>

/* Finds a person by email; 0 and *ID when found, 1 when not, -1 on error. */
int store_person_id(struct db *db, const char *email, long long *id);

/* cohort_lookup callback (see import/cohort_csv.h): CTX is a struct db. 1 exists, 0 not, -1. */
int store_person_exists(void *db, const char *email);

/* A person as stored, for comparing with an import. Strings owned by the struct. */
struct stored_person {
    long long id;
    char *name;
    char *organisation;  /* NULL when none */
    char *manager_email; /* NULL when none */
    size_t attr_count;
    char **attr_names;
    char **attr_values;
};

/* Loads the person with EMAIL; 0 when found, 1 when not, -1 on error. */
int store_person_get(struct db *db, const char *email, struct stored_person *out);
void stored_person_free(struct stored_person *p);

/* Value of attribute NAME of P, or NULL. */
const char *stored_person_attr(const struct stored_person *p, const char *name);

/* Inserts a person; ORGANISATION may be NULL or "". Sets *ID. 0 or -1. */
int store_person_insert(struct db *db, const char *email, const char *name,
                        const char *organisation, long long *id);
/* Updates name and organisation. 0 or -1. */
int store_person_update(struct db *db, long long id, const char *name, const char *organisation);
/* Sets attribute NAME; an empty VALUE removes it. 0 or -1. */
int store_person_set_attr(struct db *db, long long id, const char *name, const char *value);
/* Sets the line manager (0: none). 0 or -1. */
int store_person_set_manager(struct db *db, long long id, long long manager_id);
/* The manager's email of the person with EMAIL: 0 and *OUT (NULL when none; caller frees),
 * 1 when the person is unknown, -1 on error. */
int store_manager_of(struct db *db, const char *email, char **out);

/* Adds a member; *ADDED is 1 when they were not a member before. 0 or -1. */
int store_member_add(struct db *db, long long programme_id, long long person_id, int *added);
int store_member_remove(struct db *db, long long programme_id, long long person_id);

/* A person as a list or a set shows them. Strings owned by the struct. */
struct store_person_brief {
    long long id;
    char *name;
    char *organisation; /* "" when none */
    char *department;   /* "" when none */
    char *email;        /* NULL when the viewer may not see it */
};
void store_person_briefs_free(struct store_person_brief *list, size_t count);

/* Members of programme ID matching Q (in name or email, case-insensitive; NULL or "" for all)
 * and, when ATTR is set, with attribute ATTR (or "organisation") equal to VALUE; at most LIMIT
 * rows, by name; emails only when WITH_EMAIL. 0 with *OUT (free with store_person_briefs_free)
 * and *COUNT, or -1 with *OUT NULL and *COUNT 0. */
int store_people_search(struct db *db, long long programme_id, const char *q, const char *attr,
                        const char *value, bool with_email, long limit,
                        struct store_person_brief **out, size_t *count);

/* The members of set SET_ID, by name, emails only when WITH_EMAIL: 0 with *OUT (free with
 * store_person_briefs_free) and *COUNT, or -1 with *OUT NULL and *COUNT 0. */
int store_set_member_briefs(struct db *db, long long set_id, bool with_email,
                            struct store_person_brief **out, size_t *count);

/* The distinct attribute names the members of programme ID have, by name: 0 with *OUT (free
 * with store_attr_names_free) and *COUNT, or -1 with *OUT NULL and *COUNT 0. */
int store_attr_names(struct db *db, long long programme_id, char ***out, size_t *count);
void store_attr_names_free(char **names, size_t count);

/* A person as a viewer sees them, with every attribute by name. Strings owned by the struct. */
struct store_person_view {
    struct store_person_brief person;
    size_t attr_count;
    char **attr_names;
    char **attr_values;
};

/* Person ID when USER may see them (admins: anyone; others: themselves, their set mates in
 * published plans, the members of sets they facilitate); email only for admins and the person
 * themselves. 0 with *OUT (free with store_person_view_free), 1 not visible, -1 error (*OUT
 * then holds nothing to free). */
int store_person_visible(struct db *db, const struct user *user, long long id,
                         struct store_person_view *out);
/* Frees what P holds (not P) and zeroes it. */
void store_person_view_free(struct store_person_view *p);

#endif
