/* The hard rules a plan breaks, each in one sentence with people's names ("Ana Lopez and their
 * line manager Ben Cole are both in Set 2."), as the plan page and the API say them. */
#ifndef SETWORK_APP_PLANS_PLAN_BROKEN_H
#define SETWORK_APP_PLANS_PLAN_BROKEN_H

#include "app/plans/plan_problem.h"

#include <jansson.h>

/* Appends to OUT (a JSON array) one sentence for each hard rule that GROUP (a set index per
 * person of PB's cohort, -1 for none) breaks: people in no set, set sizes, pins, the management
 * chain, declared keep-apart and keep-together pairs. SET_NAMES names PB's sets (NULL: PB's own).
 * Returns how many it appended, or -1 when out of memory. */
int plan_broken_rules(const struct plan_problem *pb, const int *group, const char *const *set_names,
                      json_t *out);

#endif
