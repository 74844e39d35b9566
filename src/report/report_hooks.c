/* HOOKS: placeholders for the report sections that the meetings and network modules own. Replace
 * each body with a call into that module; keep the signatures (see report_hooks.h). */
#include "report/report_hooks.h"

#include "network/network_impact.h"
#include "store/store_report.h"

json_t *report_attendance_json(struct db *db, long long programme_id)
{
    (void)programme_id;
    int have = store_has_table(db, "meetings");
    if (have < 0)
        return NULL;
    return json_pack("{s:b, s:s}", "available", 0, "note",
                     have ? "Attendance is recorded but not yet summarised in this report."
                          : "Attendance is not recorded in this version of setwork.");
}

json_t *report_network_json(struct db *db, long long programme_id)
{
    return network_impact_json(db, programme_id);
}
