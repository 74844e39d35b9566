/* A generated, realistic cohort for demonstrations, tests and benchmarks: several
 * organisations of different sizes, departments, locations, grades, a management tree. */
#ifndef SETWORK_APP_DEMO_DEMO_COHORT_H
#define SETWORK_APP_DEMO_DEMO_COHORT_H

#include "model/cohort.h"

#include <stddef.h>
#include <stdint.h>

#define DEMO_MAX_PEOPLE 100000

/* Fills OUT with PEOPLE people (1..DEMO_MAX_PEOPLE), the same for the same SEED. Attributes:
 * organisation, department, location, role, grade, gender and a custom 'tenure'. Managers are
 * inside the cohort. Returns 0, or -1 when out of memory or PEOPLE is out of range. */
int demo_cohort(struct cohort *out, size_t people, uint64_t seed);

#endif
