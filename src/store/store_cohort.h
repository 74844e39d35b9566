/* Loading a programme's members from the store as a struct cohort, the shape the engines start
 * from. */
#ifndef SETWORK_STORE_STORE_COHORT_H
#define SETWORK_STORE_STORE_COHORT_H

#include "model/cohort.h"
#include "store/db.h"

/* Loads the members of programme ID as a cohort, ordered by email, with every attribute any
 * member has (known ones first, then custom ones alphabetically), managers resolved to indices
 * when the manager is also a member, and cohort_person.id set. Returns 0, or -1 on error with a
 * message in *ERR (caller frees). */
int store_load_cohort(struct db *db, long long programme_id, struct cohort *out, char **err);

#endif
