/* Sections of the impact report that other modules fill. Each returns a new JSON object, always
 * with "available": true or false; when false, "note" says why in a sentence for the reader. */
#ifndef SETWORK_APP_REPORT_REPORT_HOOKS_H
#define SETWORK_APP_REPORT_REPORT_HOOKS_H

#include "store/db.h"

#include <jansson.h>

/* HOOK for the meetings module (migration 0006): attendance over the programme's meetings, e.g.
 * {"available": true, "meetings": N, "attendance_rate": 0.87, "per_meeting": [...]}. Until the
 * meetings tables are on main this reports {"available": false}. NULL on a database error. */
json_t *report_attendance_json(struct db *db, long long programme_id);

/* HOOK for the network module: growth of the network, e.g. {"available": true,
 * "new_ties_beyond_own_set": N, "cross_department_tie_share": {"before","after"},
 * "cross_organisation_tie_share": {"before","after"}, "isolates": {"before","after"}}. Until the
 * network functions are on main this reports {"available": false}. NULL on a database error. */
json_t *report_network_json(struct db *db, long long programme_id);

#endif
