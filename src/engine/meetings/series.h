/* Meeting series arithmetic: the local wall-clock dates of N meetings every K weeks or monthly,
 * and their conversion to UTC in a named time zone. Pure computation except meet_tz_*, which
 * read the system tz database through libical. */
#ifndef SETWORK_ENGINE_MEETINGS_SERIES_H
#define SETWORK_ENGINE_MEETINGS_SERIES_H

#include <stddef.h>
#include <stdint.h>

/* The most meetings one series may hold; a limit on input from outside. */
#define MEET_SERIES_MAX 60
/* The longest gap for an "every K weeks" rule. */
#define MEET_SERIES_MAX_WEEKS 26

/* A local wall-clock time (no zone): what people write in invitations. */
struct meet_local {
    int year, month, day; /* month 1-12, day 1-31 */
    int hour, minute;
};

enum meet_rule_kind {
    MEET_EVERY_WEEKS, /* every `weeks` weeks on the same weekday */
    MEET_MONTHLY,     /* the same ordinal weekday each month ("2nd Tuesday"); a first meeting
                         in the month's last seven days means "last Tuesday" */
};

struct meet_rule {
    enum meet_rule_kind kind;
    int weeks; /* MEET_EVERY_WEEKS only, 1..MEET_SERIES_MAX_WEEKS */
};

/* Parses "4w", "2w" or "monthly" into RULE; returns 0 or -1. */
int meet_rule_parse(const char *text, struct meet_rule *rule);

/* Parses "YYYY-MM-DDTHH:MM" (or a space instead of T); validates the date. 0 or -1. */
int meet_local_parse(const char *text, struct meet_local *out);

/* Day of week, 0 = Sunday, for a valid civil date. */
int meet_weekday(int year, int month, int day);
/* Days in MONTH of YEAR. */
int meet_days_in_month(int year, int month);

/* Fills OUT[0..COUNT-1] with the local dates of the series starting at FIRST (the first
 * meeting is FIRST itself); every meeting keeps FIRST's hour and minute. Returns 0, or -1 when
 * COUNT is outside 1..MEET_SERIES_MAX, the rule is invalid or FIRST is not a valid date. */
int meet_series_local(const struct meet_local *first, const struct meet_rule *rule, int count,
                      struct meet_local *out);

/* How a local wall-clock time falls in its zone. */
enum meet_local_kind {
    MEET_LOCAL_EXACT,    /* it happens once: the usual case */
    MEET_LOCAL_GAP,      /* it does not exist: the clocks jump over it (spring forward) */
    MEET_LOCAL_REPEATED, /* it happens twice: the clocks go back over it (autumn) */
};

/* Converts local wall-clock time L in zone TZID (an IANA name such as "Europe/London", or
 * "UTC") to seconds since the epoch in *UTC, by RFC 5545 section 3.3.5's rule: a time inside a
 * spring-forward gap is read with the offset before the gap, so it moves forward by the gap
 * (New York 02:30 on 8 March 2026 becomes 03:30 EDT); a time that occurs twice is the first
 * occurrence (London 01:30 on 25 October 2026 is 01:30 BST, not GMT). *KIND (may be NULL) says
 * which case L was. Assumes no two changes of a zone's offset within a day of each other.
 * Returns 0, or -1 for an unknown zone or invalid time. Thread-safe: libical's zone cache is
 * guarded by a mutex here, and the process-wide TZ variable is never touched. */
int meet_tz_resolve(const char *tzid, const struct meet_local *l, int64_t *utc,
                    enum meet_local_kind *kind);

/* meet_tz_resolve without the kind. */
int meet_tz_to_utc(const char *tzid, const struct meet_local *l, int64_t *utc);

/* Converts UTC seconds to local wall-clock time in TZID. 0, or -1 for an unknown zone. */
int meet_tz_from_utc(const char *tzid, int64_t utc, struct meet_local *out);

/* libical's UTC zone (an icaltimezone *), created under the lock on first use. */
const void *meet_tz_utc_zone(void);

/* The zone's offset from UTC in seconds and its abbreviation ("GMT", "BST", "CET"; "UTC+5:30"
 * when the tz database has only numbers) at the instant UTC in TZID, into ABBR (SIZE bytes, 16
 * is plenty). Returns 0, or -1 for an unknown zone. Thread-safe like meet_tz_to_utc. */
int meet_tz_describe(const char *tzid, int64_t utc, int *offset_s, char *abbr, size_t size);

/* Returns 1 when TZID names a zone libical can load, else 0. */
int meet_tz_valid(const char *tzid);

/* Formats UTC seconds as "YYYY-MM-DDTHH:MM:SSZ" into BUF (at least 21 bytes). */
void meet_utc_format(int64_t utc, char *buf, size_t size);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" (as stored); 0 or -1. */
int meet_utc_parse(const char *text, int64_t *utc);

#endif
