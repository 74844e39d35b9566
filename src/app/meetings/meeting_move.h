/* Moving one meeting to a new local start, for the command line, the meeting page and the API
 * alike: the time is read in the meeting's own zone by RFC 5545's rule (a time in a
 * spring-forward gap moves forward by the gap, a time that occurs twice is the first), the
 * length is kept, and the answer is the time actually stored, with a warning when it differs
 * from the time asked. A cancelled meeting is refused: it stays cancelled and its SEQUENCE
 * does not move (schedule a new meeting instead). */
#ifndef SETWORK_APP_MEETINGS_MEETING_MOVE_H
#define SETWORK_APP_MEETINGS_MEETING_MOVE_H

#include <stdint.h>

#include "app/meetings/series_plan.h"
#include "core/status.h"
#include "core/strbuf.h"
#include "engine/meetings/series.h"
#include "engine/meetings/when.h"
#include "store/db.h"
#include "store/store_meetings.h"

/* What a move stored. */
struct meeting_moved {
    long long id;
    int64_t starts, ends;        /* UTC, as stored */
    struct meet_local local;     /* the stored start in the meeting's zone */
    char local_text[24];         /* the same as "YYYY-MM-DDTHH:MM" */
    char tz[SERIES_TZ_MAX + 1];  /* the meeting's zone (cut at SERIES_TZ_MAX) */
    char when[MEET_WHEN_MAX];    /* "Sun 8 Mar 2026, 03:30-06:30 EDT" */
    enum meet_local_kind kind;   /* how the time asked fell in the zone */
    char warning[MEET_NOTE_MAX]; /* "" unless kind is a gap or a repeated time */
};

/* Moves meeting ID to start at TO ("YYYY-MM-DDTHH:MM", local time in the meeting's zone),
 * keeping its length, and raises its SEQUENCE. Fills *OUT on STATUS_OK. STATUS_INVALID when TO
 * is not such a time, STATUS_NOT_FOUND when there is no meeting ID, STATUS_CONFLICT when the
 * meeting is cancelled (nothing changes), STATUS_FAILED on a database error; ERR gets the
 * sentence in every case but STATUS_OK. */
enum status meeting_move(struct db *db, long long id, const char *to, struct meeting_moved *out,
                         struct strbuf *err);

#endif
