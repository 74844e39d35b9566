/* The report sections that the meetings and network modules own: attendance from the meetings
 * store, network growth from the network module (see report_hooks.h). */
#include "app/report/report_hooks.h"

#include "app/network/network_impact.h"
#include "store/store_meetings.h"
#include "store/store_report.h"

#include <time.h>

json_t *report_attendance_json(struct db *db, long long programme_id)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    struct programme_attendance a;
    if (store_programme_attendance(db, programme_id, now, &a) != 0)
        return NULL;
    long recorded = a.present + a.apologies + a.absent;
    if (a.planned == 0)
        return json_pack("{s:b, s:s}", "available", 0, "note", "No meetings are scheduled yet.");
    /* The rate is over recorded places only: a meeting nobody recorded says nothing. */
    return json_pack("{s:b, s:i, s:i, s:i, s:i, s:i, s:i, s:o}", "available", 1, "meetings_planned",
                     (int)a.planned, "meetings_held", (int)a.held, "meetings_unrecorded",
                     (int)a.unrecorded, "present", (int)a.present, "apologies", (int)a.apologies,
                     "absent", (int)a.absent, "attendance_rate",
                     recorded ? json_real((double)a.present / (double)recorded) : json_null());
}

json_t *report_network_json(struct db *db, long long programme_id)
{
    return network_impact_json(db, programme_id);
}
