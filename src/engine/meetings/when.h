/* How a meeting time reads to people: local wall-clock time in the series' zone with the zone's
 * abbreviation, e.g. "Tue 12 Jan 2027, 14:00-17:00 GMT" (BST in a London summer). One helper
 * for every page, list and print view, so no page shows UTC by accident. */
#ifndef SETWORK_ENGINE_MEETINGS_WHEN_H
#define SETWORK_ENGINE_MEETINGS_WHEN_H

#include <stddef.h>
#include <stdint.h>

#include "engine/meetings/series.h"

/* Room for the longest text meet_when_format writes (two dates, two abbreviations). */
#define MEET_WHEN_MAX 96

/* Writes the meeting from STARTS to ENDS (UTC seconds; ENDS <= STARTS writes the start alone)
 * as local time in TZID into BUF (SIZE bytes, MEET_WHEN_MAX is enough):
 *   "Tue 12 Jan 2027, 14:00-17:00 GMT"                 the usual case
 *   "Sat 31 Oct 2026, 23:00 - Sun 1 Nov 2026, 02:00 GMT" across midnight
 *   "Sun 29 Mar 2026, 00:30 GMT - 03:30 BST"           across a daylight-saving change
 * Thread-safe (zone look-ups go through meet_tz_*). Returns 0, or -1 for an unknown zone, in
 * which case BUF holds the UTC form "2027-01-12 14:00 UTC" so callers can still show it. */
int meet_when_format(const char *tzid, int64_t starts, int64_t ends, char *buf, size_t size);

/* Writes local time L as "Tue 12 Jan 2027, 14:00" into BUF (SIZE bytes, 32 is enough). */
void meet_local_format(const struct meet_local *l, char *buf, size_t size);

/* Room for the longest sentence meet_tz_note writes. */
#define MEET_NOTE_MAX 256

/* The warning for a local time ASKED in TZID that meet_tz_resolve found to be KIND and stored
 * as UTC, naming the time, the zone and what was stored, into BUF (SIZE bytes, MEET_NOTE_MAX
 * is enough):
 *   "2026-03-08T02:30 does not exist in America/New_York (the clocks go forward at that
 *    hour); it is moved forward by the gap to 2026-03-08T03:30 EDT."
 *   "2026-10-25T01:30 happens twice in Europe/London (the clocks go back at that hour); the
 *    first one is used: 01:30 BST (UTC+1), not 01:30 GMT."
 * Returns 1 when it wrote a warning, 0 (and BUF "") for MEET_LOCAL_EXACT. */
int meet_tz_note(const char *tzid, const struct meet_local *asked, enum meet_local_kind kind,
                 int64_t utc, char *buf, size_t size);

#endif
