/* Sections of the impact report that other modules fill. Each returns a new JSON object, always
 * with "available": true or false; when false, "note" says why in a sentence for the reader. */
#ifndef SETWORK_APP_REPORT_REPORT_HOOKS_H
#define SETWORK_APP_REPORT_REPORT_HOOKS_H

#include "store/db.h"

#include <jansson.h>

/* Attendance over the programme's meetings: {"available": false, "note"} before any meeting is
 * scheduled, else {"available": true, "meetings_planned", "meetings_held" (past, with attendance
 * recorded), "meetings_unrecorded" (past, nobody recorded who came), "present", "apologies",
 * "absent", "attendance_rate" (present over the places recorded, null when none)}. NULL on a
 * database error. */
json_t *report_attendance_json(struct db *db, long long programme_id);

/* Growth of the network (app/network/network_impact.h). NULL on a database error. */
json_t *report_network_json(struct db *db, long long programme_id);

#endif
