/* A stand-in set plan for demonstrations and tests until set formation lands on main: the
 * programme's members dealt in order into sets of a given size, published. */
#ifndef SETWORK_STORE_STORE_DEMO_PLAN_H
#define SETWORK_STORE_STORE_DEMO_PLAN_H

#include "store/db.h"

/* When programme PROGRAMME_ID has no plan yet, creates a published plan "Demo plan" with its
 * members (by email) dealt into sets of SET_SIZE, and FACILITATOR_ID (0: none) facilitating the
 * first two sets. Returns 0 (created), 1 (a plan existed: nothing done), -1 on error. *FIRST
 * gets the person id of the first member of the first set (0 when there are no members). */
int store_demo_plan(struct db *db, long long programme_id, int set_size, long long facilitator_id,
                    long long *first);

#endif
