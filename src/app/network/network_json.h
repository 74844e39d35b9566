/* A network survey as JSON (jansson), shared by the CLI report and the web API. */
#ifndef SETWORK_APP_NETWORK_NETWORK_JSON_H
#define SETWORK_APP_NETWORK_NETWORK_JSON_H

#include "app/network/network_view.h"

#include <jansson.h>
#include <stdbool.h>

/* One wave's cohort figures: {"people", "ties", "contacts", "density" (the contact density:
 * pairs in contact / all pairs, as the help defines it), "contact_density" (the same),
 * "nomination_density" (distinct nominations / ordered pairs), "density_undirected" (the
 * contact density, kept for older scripts), "density_definitions", "components",
 * "largest_component", "isolates", "mean_ei_department", "mean_ei_organisation",
 * "cross_department_share", "cross_organisation_share", "weighted" (every tie has a
 * strength), "ties_without_strength", "mean_weighted_degree", "mean_weighted_constraint" (null
 * when not weighted), "weighted_definitions"}; undefined figures are null. New reference. */
json_t *network_cohort_json(const struct net_cohort_metrics *c);

/* The whole view: {"programme", "wave", "relation", "waves": [{"name", "ties", "respondents",
 * "members", "response_rate"}], "cohort", "compare" (when comparing: waves, cohort_before, ties
 * gained and lost inside and beyond sets, and per metric pairs, means, mean_diff, sd_diff, d_z
 * and d_z_ci95), "people": [{"label", "email" (only when EMAILS), "responded", every metric,
 * "isolated", "weighted_degree", "weighted_constraint" (null when the wave is not weighted),
 * "change" (when comparing)}]}. LABELS from network_labels (anonymised ones for
 * anything beyond admins, with EMAILS false). RELATION may be NULL. New reference, or NULL
 * when out of memory. */
json_t *network_view_json(const struct network_view *v, const char *programme, const char *relation,
                          char *const *labels, bool emails);

#endif
