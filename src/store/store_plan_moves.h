/* The last moves made by hand on a plan (table plan_moves, migration 0020), so that Undo puts a
 * person back in the set they came from with the pin they had. */
#ifndef SETWORK_STORE_STORE_PLAN_MOVES_H
#define SETWORK_STORE_STORE_PLAN_MOVES_H

#include "store/db.h"

/* How many moves of one plan are kept for undoing; older ones are forgotten. */
#define STORE_PLAN_MOVES_KEPT 20

/* One move by hand: PERSON_ID went from set FROM_SET_ID to TO_SET_ID; PIN_SET_ID is the set
 * they were pinned to before it (0: none). Names owned (store_plan_move_free). */
struct store_plan_move {
    long long id, person_id, from_set_id, to_set_id, pin_set_id;
    char *person, *from_set, *to_set;
};
void store_plan_move_free(struct store_plan_move *m);

/* The set of plan PLAN_ID that PERSON_ID is in now: 0 with *SET_ID, 1 when not in the plan, -1. */
int store_plan_set_of(struct db *db, long long plan_id, long long person_id, long long *set_id);

/* The set PERSON_ID is pinned to by hand in PLAN_ID: 0 with *SET_ID, 1 when none, -1. */
int store_plan_pin_of(struct db *db, long long plan_id, long long person_id, long long *set_id);

/* Forgets PERSON_ID's pin by hand in PLAN_ID. 0 or -1. */
int store_plan_unpin(struct db *db, long long plan_id, long long person_id);

/* Records a move and forgets all but the last STORE_PLAN_MOVES_KEPT of the plan. 0 or -1. */
int store_plan_move_record(struct db *db, long long plan_id, long long person_id,
                           long long from_set_id, long long to_set_id, long long pin_set_id);

/* The newest recorded move of PLAN_ID into *OUT (free with store_plan_move_free): 0, 1 when
 * there is none, -1. */
int store_plan_move_last(struct db *db, long long plan_id, struct store_plan_move *out);

/* Forgets move MOVE_ID (undone), or every move of PLAN_ID when MOVE_ID is 0. 0 or -1. */
int store_plan_moves_forget(struct db *db, long long plan_id, long long move_id);

#endif
