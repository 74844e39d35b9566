/* People, organisations, attributes, programmes and their members in the store. */
#ifndef SETWORK_STORE_STORE_PEOPLE_H
#define SETWORK_STORE_STORE_PEOPLE_H

#include "model/cohort.h"
#include "store/db.h"

/* Finds the programme named NAME (case-insensitive). Returns 0 and sets *ID when found, 1 when
 * there is none, -1 on a database error. */
int store_programme_id(struct db *db, const char *name, long long *id);

/* Creates the programme NAME if it does not exist; returns 0 and sets *ID, -1 on error. */
int store_programme_ensure(struct db *db, const char *name, long long *id);

/* Loads the members of programme ID as a cohort, ordered by email, with every attribute any
 * member has (known ones first, then custom ones alphabetically), managers resolved to indices
 * when the manager is also a member, and cohort_person.id set. Returns 0, or -1 on error with a
 * message in *ERR (caller frees). */
int store_load_cohort(struct db *db, long long programme_id, struct cohort *out, char **err);

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

struct programme_summary {
    long long id;
    char *name;
    long members;
    char *created_at;
};

/* Lists programmes by name into *OUT (caller frees with programme_summaries_free). 0 or -1. */
int store_programmes_list(struct db *db, struct programme_summary **out, size_t *count);
void programme_summaries_free(struct programme_summary *list, size_t count);

#endif
