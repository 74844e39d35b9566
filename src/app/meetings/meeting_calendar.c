/* Stored meetings as iCalendar: the mapping shared by `setwork ics` and the web feed and
 * download, so both say the same thing. No SQL here. */
#include <stdlib.h>

#include "core/strbuf.h"
#include "io/export/ics.h"
#include "store/store_meetings.h"

char *meetings_to_ics(const struct meeting *ms, size_t n, const char *name, int64_t stamp)
{
    char *text = NULL;
    struct meet_ics_event *ev = calloc(n ? n : 1, sizeof *ev);
    char **sum = calloc(n ? n : 1, sizeof *sum);
    if (!ev || !sum)
        goto out;
    for (size_t i = 0; i < n; i++) {
        /* The set and programme only: a calendar is no place for what is said in a set. */
        sum[i] = str_printf("Action learning: %s (%s)", ms[i].set_name, ms[i].programme_name);
        if (!sum[i])
            goto out;
        ev[i] =
            (struct meet_ics_event){ms[i].uid, ms[i].sequence, ms[i].starts_at, ms[i].ends_at,
                                    sum[i],    ms[i].location, ms[i].link,      ms[i].cancelled};
    }
    text = meet_ics_build(ev, n, name, stamp);
out:
    for (size_t i = 0; sum && i < n; i++)
        free(sum[i]);
    free(sum);
    free(ev);
    return text;
}
