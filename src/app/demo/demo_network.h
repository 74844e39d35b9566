/* Generated network survey answers for the demo: who talks with whom about work before the
 * programme (mostly inside one's own department and organisation) and at its end (set mates,
 * and some new ties beyond the sets: the spill-over that action learning is meant to bring). */
#ifndef SETWORK_APP_DEMO_DEMO_NETWORK_H
#define SETWORK_APP_DEMO_DEMO_NETWORK_H

#include "app/network/network_ties.h"
#include "model/cohort.h"

#include <stdint.h>

/* The relation the demo's answers name. */
#define DEMO_NETWORK_RELATION "talk with about work"

/* Fills BASELINE and FINAL (free with tie_file_free) for cohort C; SET_OF[i] is person i's set
 * in the published plan, or -1. The same SEED gives the same answers. 0, or -1 when out of
 * memory. */
int demo_network_ties(const struct cohort *c, const int *set_of, uint64_t seed,
                      struct tie_file *baseline, struct tie_file *final);

#endif
