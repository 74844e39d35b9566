/* Internal to the formation engine: setting up the state and the search phases. */
#ifndef SETWORK_ENGINE_FORMATION_SEARCH_H
#define SETWORK_ENGINE_FORMATION_SEARCH_H

#include "engine/formation/state.h"

/* Builds S->w for P over units UN (copying only when units, keep-apart rules or a non-zero
 * diagonal need it). Returns 0 or -1 out of memory. */
int form_setup_matrix(struct form_state *s, const struct form_problem *p,
                      const struct form_units *un);
/* Sets up the soft rule's per-unit classes. Returns 0 or -1 out of memory. */
int form_setup_classes(struct form_state *s, const struct form_problem *p,
                       const struct form_units *un);
/* Builds a first plan that fits every size and pin, keeping START_UNITS (set per unit, -1 free;
 * may be NULL) where it can; keep-together units go where there is most room, or RANDOMLY to
 * any set with room (for retries). ORDER is scratch of u+m ints. Returns 0, or -1 when no way to
 * fit the units into the sizes was found. */
int form_construct(struct form_state *s, const int *start_units, int *order, int randomly);

#endif
