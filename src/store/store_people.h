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

#endif
