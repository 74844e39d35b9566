/* The network section of the impact report: how the cohort's network grew from the first wave
 * of the survey to the latest, in figures safe to show a sponsor (no one is named). */
#ifndef SETWORK_APP_NETWORK_NETWORK_IMPACT_H
#define SETWORK_APP_NETWORK_NETWORK_IMPACT_H

#include "store/db.h"

#include <jansson.h>

/* Returns a new object: {"available": false, "note": "..."} when the programme has fewer than
 * two waves, otherwise {"available": true, "before", "after" (wave names), "people",
 * "response_rate", "new_ties_inside_own_set", "new_ties_beyond_own_set", "ties_lost",
 * "cross_department_tie_share", "cross_organisation_tie_share", "isolates", "components",
 * "density" (contact density: pairs in contact / all pairs), "nomination_density"
 * (nominations / ordered pairs), "mean_ei_department", "mean_ei_organisation" (each
 * {"before","after"}), and "contacts_per_person", "effective_size", "blau_department" (each
 * {"before", "after", "d_z", "d_z_ci95", "n"}), "effect_size" (what d_z is)}. NULL on a database
 * error. */
json_t *network_impact_json(struct db *db, long long programme_id);

#endif
