/* Moving one meeting; see meeting_move.h. */
#include "app/meetings/meeting_move.h"

#include <stdio.h>
#include <string.h>

enum status meeting_move(struct db *db, long long id, const char *to, struct meeting_moved *out,
                         struct strbuf *err)
{
    memset(out, 0, sizeof *out);
    struct meeting m = {0};
    int rc = store_meeting_get(db, id, &m);
    if (rc != 0) {
        sb_printf(err, rc > 0 ? "There is no meeting %lld." : "The meeting could not be read.", id);
        return rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    }
    enum status status = STATUS_OK;
    struct meet_local asked;
    int64_t length = m.ends_at - m.starts_at;
    if (m.cancelled) {
        /* Moving would raise SEQUENCE on an event that calendars show as cancelled, and say
         * "moved" while nobody is invited: refused, so nobody is misled. */
        sb_printf(err,
                  "Meeting %lld is cancelled, so it was not moved; schedule a new meeting "
                  "instead.",
                  id);
        status = STATUS_CONFLICT;
    } else if (!to || meet_local_parse(to, &asked) != 0) {
        sb_printf(err, "Give the new start as YYYY-MM-DDTHH:MM (a real date, 24-hour clock), "
                       "local time in the meeting's time zone.");
        status = STATUS_INVALID;
    } else if (meet_tz_resolve(m.tzid, &asked, &out->starts, &out->kind) != 0) {
        sb_printf(err, "The time cannot be converted in the meeting's zone %s.", m.tzid);
        status = STATUS_FAILED;
    } else if ((rc = store_meeting_move(db, id, out->starts, out->starts + length)) != 0) {
        sb_printf(err, rc > 0 ? "There is no meeting %lld." : "The meeting could not be moved.",
                  id);
        status = rc > 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    } else {
        out->id = id;
        out->ends = out->starts + length;
        snprintf(out->tz, sizeof out->tz, "%s", m.tzid);
        if (meet_tz_from_utc(m.tzid, out->starts, &out->local) != 0)
            out->local = asked;
        snprintf(out->local_text, sizeof out->local_text, "%04d-%02d-%02dT%02d:%02d",
                 out->local.year, out->local.month, out->local.day, out->local.hour,
                 out->local.minute);
        meet_when_format(m.tzid, out->starts, out->ends, out->when, sizeof out->when);
        meet_tz_note(m.tzid, &asked, out->kind, out->starts, out->warning, sizeof out->warning);
    }
    meeting_free(&m);
    return status;
}
